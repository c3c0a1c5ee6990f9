// The lint-style scan of tests/model.moduleState.test.ts: top-level declarations of a
// module that hold mutable state.
const TOP_LEVEL_VARIABLE = /^(?:export\s+)?(?:let|var)\s+([A-Za-z_$][\w$]*)/gm;
const TOP_LEVEL_NEW =
  /^(?:export\s+)?const\s+([A-Za-z_$][\w$]*)\s*(?::[^=]+)?=\s*new\s+(?:\w+Array|Array|Map|Set|WeakMap|ArrayBuffer|SharedArrayBuffer)\b/gm;
const TOP_LEVEL_FACTORY =
  /^(?:export\s+)?const\s+([A-Za-z_$][\w$]*)\s*(?::[^=]+)?=\s*(?:create|alloc|make|new)[A-Z]\w*\(/gm;
const TOP_LEVEL_LITERAL = /^(?:export\s+)?const\s+([A-Za-z_$][\w$]*)\s*(?::[^=]+)?=\s*[{[]/gm;

/** Top-level declarations of `text` that hold mutable module state, as "name: why". */
export function moduleState(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(TOP_LEVEL_VARIABLE)) found.push(`${m[1]}: a top-level let/var`);
  for (const m of text.matchAll(TOP_LEVEL_NEW)) found.push(`${m[1]}: a top-level buffer or collection`);
  for (const m of text.matchAll(TOP_LEVEL_FACTORY)) found.push(`${m[1]}: a top-level record from a factory`);
  for (const m of text.matchAll(TOP_LEVEL_LITERAL)) {
    const name = escapeName(m[1]);
    if (writes(name, text)) found.push(`${m[1]}: a top-level object or array the module writes to`);
    // Written through a local alias (`const x = demandInputs; x.capability = …`, aiChain/demand.ts's former inputs).
    else if (aliases(name, text).some((alias) => writes(escapeName(alias), text)))
      found.push(`${m[1]}: a top-level object or array the module writes to through an alias`);
  }
  return found;
}

function escapeName(name: string): string {
  return name.replace(/\$/g, "\\$");
}

/** Whether `text` writes to a member of `name` (a regex-escaped identifier): assigns, increments, or calls a mutating method. */
function writes(name: string, text: string): boolean {
  const member = `\\b${name}(?:\\.[\\w$]+|\\[[^\\]]*\\])+`;
  const write = new RegExp(
    `${member}\\s*(?:[-+*/%&|^]|\\*\\*|<<|>>>?|\\?\\?|&&|\\|\\|)?=(?!=)|${member}\\s*(?:\\+\\+|--)|(?:\\+\\+|--)\\s*${member}|\\b${name}(?:\\.[\\w$]+|\\[[^\\]]*\\])*\\.(?:push|pop|shift|unshift|splice|fill|set|sort|reverse|copyWithin|delete|clear)\\(`,
  );
  return write.test(text);
}

/** Local names bound to `name` or one of its members (`const x = name;`, `let y = name.buffers;`). */
function aliases(name: string, text: string): string[] {
  const bind = new RegExp(
    `\\b(?:const|let|var)\\s+([A-Za-z_$][\\w$]*)\\s*(?::[^=;]+)?=\\s*${name}(?:\\.[\\w$]+)*\\s*[;,\\n)]`,
    "g",
  );
  return [...text.matchAll(bind)].map((m) => m[1]);
}
