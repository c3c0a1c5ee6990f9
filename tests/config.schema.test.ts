// The schema is the one documented parameter record: every parameter has a
// description, a unit, a default and (if numeric) a range holding its default;
// the defaults fill every leaf; the generated TypeScript types are current.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generateConfigTypes, typesPath } from "../src/config/generateTypes.ts";
import {
  configSchema,
  defaultConfig,
  groupPaths,
  leafParameterPaths,
  type SchemaNode,
  schemaAt,
} from "../src/config/index.ts";

interface Visited {
  path: string;
  node: SchemaNode;
  /** Objects that are list items carry no `default: {}` (a list's default is the list). */
  isListItem: boolean;
}

/** Every node of the schema below the root, with its dotted path ("centralBank.path[].rateYearly"). */
function walk(node: SchemaNode, path: string, isListItem = false, out: Visited[] = []): Visited[] {
  if (path !== "") out.push({ path, node, isListItem });
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    if (path === "" && (key === "$schema" || key === "extends")) continue;
    walk(child, path === "" ? key : `${path}.${key}`, false, out);
  }
  if (node.items) walk(node.items, `${path}[]`, true, out);
  return out;
}

/**
 * The one map: aiChain.firmOverrides is keyed by firm names, which the firm list defines and
 * the schema cannot, so it cannot list its keys or forbid others (its additionalProperties is
 * the schema of each value, which does forbid unknown keys: checked below). Like a list it is a
 * parameter as a whole (schema.ts counts it a leaf), so it is checked as a leaf: a description,
 * a unit and a default ({}).
 */
const maps = new Set(["aiChain.firmOverrides"]);

const nodes = walk(configSchema, "");
const objects = [{ path: "(top level)", node: configSchema, isListItem: false }].concat(
  nodes.filter((n) => n.node.type === "object" && !maps.has(n.path)),
);
const leaves = nodes.filter((n) => n.node.type !== "object" || maps.has(n.path));
const numericLeaves = leaves.filter((n) => n.node.type === "number" || n.node.type === "integer");

function getPath(obj: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((o, key) => (o as Record<string, unknown>)?.[key], obj);
}

describe("schema as the parameter record", () => {
  it("is walked deeply enough to mean something", () => {
    expect(leaves.length).toBeGreaterThan(80);
    expect(numericLeaves.length).toBeGreaterThan(70);
    expect(leaves.map((l) => l.path)).toContain("centralBank.path[].rateYearly");
  });

  it("every object forbids unknown keys and requires all its keys; every group defaults to {}", () => {
    // The one exception: a central-bank override has exactly one of a level and a shift, which
    // src/config/calendar.ts checks with the item's path (tests/centralBank.offset.test.ts).
    const exactlyOneOf: Record<string, string[]> = { "centralBank.overrides[]": ["rateYearly", "addYearly"] };
    const bad: string[] = [];
    for (const { path, node, isListItem } of objects) {
      const optional = exactlyOneOf[path] ?? [];
      const keys = Object.keys(node.properties ?? {}).filter(
        (k) => k !== "$schema" && k !== "extends" && !optional.includes(k),
      );
      for (const k of optional) if (!node.properties?.[k]) bad.push(`${path}: no ${k}`);
      if (node.additionalProperties !== false) bad.push(`${path}: additionalProperties is not false`);
      if ([...(node.required ?? [])].sort().join() !== [...keys].sort().join()) {
        bad.push(`${path}: required does not list exactly its keys`);
      }
      const isRoot = path === "(top level)";
      if (!isRoot && !isListItem && JSON.stringify(node.default) !== "{}")
        bad.push(`${path}: default is not {}`);
    }
    expect(bad).toEqual([]);
  });

  it("the map aiChain.firmOverrides: each value takes every firm key but name, by reference to the firm's own schema, and nothing else", () => {
    const map = schemaAt("aiChain.firmOverrides");
    expect(map?.type).toBe("object");
    expect(map?.properties).toBeUndefined();
    const value = map?.additionalProperties as SchemaNode;
    expect(value.type).toBe("object");
    expect(value.additionalProperties).toBe(false);
    expect(value.description?.trim()).toBeTruthy();
    expect(value.unit?.trim()).toBeTruthy();
    expect(value.required ?? []).toEqual([]); // an override names only what it changes
    const firmKeys = Object.keys(schemaAt("aiChain.firms")?.items?.properties ?? {});
    expect(firmKeys).toContain("name");
    expect(Object.keys(value.properties ?? {})).toEqual(firmKeys.filter((k) => k !== "name"));
    for (const [key, node] of Object.entries(value.properties ?? {})) {
      // A reference and nothing beside it: no copy to drift from the firm's, no default for ajv to fill in.
      expect(node, key).toEqual({ $ref: `#/properties/aiChain/properties/firms/items/properties/${key}` });
    }
  });

  it("every leaf has a description, a unit and a default; numeric leaves have a minimum and a maximum", () => {
    const bad: string[] = [];
    for (const { path, node } of leaves) {
      if (typeof node.description !== "string" || node.description.trim() === "")
        bad.push(`${path}: description`);
      if (typeof node.unit !== "string" || node.unit.trim() === "") bad.push(`${path}: unit`);
      // Fields of list items are not parameters of their own: the list's default covers them.
      if (node.default === undefined && !path.includes("[]")) bad.push(`${path}: default`);
      if (node.type === "number" || node.type === "integer") {
        if (typeof node.minimum !== "number") bad.push(`${path}: minimum`);
        if (typeof node.maximum !== "number") bad.push(`${path}: maximum`);
      }
    }
    expect(bad).toEqual([]);
  });

  it("every default has the leaf's type and lies within its range", () => {
    const bad: string[] = [];
    for (const { path, node } of leaves) {
      const d = node.default;
      if (d === undefined) continue; // a list-item field without a default (checked above)
      const type = Array.isArray(d) ? "array" : typeof d;
      const expected = node.type === "integer" ? "number" : node.type;
      if (type !== expected) bad.push(`${path}: default ${JSON.stringify(d)} is not ${node.type}`);
      if (node.type === "integer" && !Number.isInteger(d))
        bad.push(`${path}: default ${d} is not an integer`);
      if (typeof d === "number") {
        if (node.minimum !== undefined && !(d >= node.minimum))
          bad.push(`${path}: ${d} < minimum ${node.minimum}`);
        if (node.maximum !== undefined && !(d <= node.maximum))
          bad.push(`${path}: ${d} > maximum ${node.maximum}`);
        if (node.minimum !== undefined && node.maximum !== undefined && node.minimum > node.maximum) {
          bad.push(`${path}: minimum above maximum`);
        }
      }
      if (node.enum && !node.enum.includes(d)) bad.push(`${path}: default not among ${node.enum.join(", ")}`);
      if (typeof d === "string" && node.pattern && !new RegExp(node.pattern).test(d)) {
        bad.push(`${path}: default "${d}" does not match ${node.pattern}`);
      }
    }
    expect(bad).toEqual([]);
  });
});

describe("defaultConfig", () => {
  it("fills every leaf parameter with its schema default", () => {
    const config = defaultConfig();
    expect(leafParameterPaths.length).toBe(leaves.filter((l) => !l.path.includes("[]")).length);
    for (const path of leafParameterPaths) {
      expect(getPath(config, path), path).toEqual(schemaAt(path)?.default);
    }
    expect(config.households.count).toBe(10000);
    expect(config.centralBank.rule).toBe("taylor");
    expect(config.centralBank.path).toEqual([]);
    expect(config.government.depositInsurance).toBe(true);
  });

  it("holds nothing but parameters (no $schema, no extends, no stray keys)", () => {
    const config = defaultConfig() as unknown as Record<string, unknown>;
    expect(Object.keys(config).sort()).toEqual([...(configSchema.required ?? [])].sort());
    expect(config).not.toHaveProperty("$schema");
    expect(config).not.toHaveProperty("extends");
  });

  it("returns a fresh object each time", () => {
    const a = defaultConfig();
    a.households.count = 77;
    a.centralBank.path.push({ from: "2025-01", rateYearly: 0.01 });
    const b = defaultConfig();
    expect(b.households.count).toBe(10000);
    expect(b.centralBank.path).toEqual([]);
  });
});

describe("schema helpers", () => {
  it("schemaAt finds leaves and groups by dotted path and nothing else", () => {
    expect(schemaAt("households.count")?.minimum).toBe(10);
    expect(schemaAt("firms.consumption.count")?.type).toBe("integer");
    expect(schemaAt("firms.consumption")?.type).toBe("object");
    expect(schemaAt("households.cout")).toBeUndefined();
    expect(schemaAt("households.count.x")).toBeUndefined();
    expect(schemaAt("households.constructor")).toBeUndefined();
    expect(schemaAt("__proto__")).toBeUndefined();
  });

  it("lists leaf paths in schema order without file-only keys, and the groups", () => {
    expect(leafParameterPaths.slice(0, 3)).toEqual(["name", "description", "seed"]);
    expect(leafParameterPaths).toContain("firms.consumption.laborProductivity");
    expect(leafParameterPaths).toContain("centralBank.path");
    expect(leafParameterPaths).not.toContain("extends");
    expect(leafParameterPaths).not.toContain("$schema");
    expect(leafParameterPaths).not.toContain("firms.consumption");
    expect(groupPaths).toContain("firms.consumption");
    expect(new Set(leafParameterPaths).size).toBe(leafParameterPaths.length);
  });

  it("the exported schema cannot be changed by a caller", () => {
    expect(Object.isFrozen(configSchema)).toBe(true);
    expect(Object.isFrozen(schemaAt("households.count"))).toBe(true);
  });
});

describe("generated types", () => {
  it("src/config/configTypes.ts is current with configs/schema.json (run `npm run gen:types`)", async () => {
    const committed = readFileSync(typesPath, "utf8");
    expect(committed).toBe(await generateConfigTypes());
  });
});
