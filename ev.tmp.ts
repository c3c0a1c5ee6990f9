import { loadConfig } from "./src/config/index.ts";
import { runInMemory } from "./src/engine/index.ts";
const [file, type, from, to] = process.argv.slice(2);
const hits: number[] = [];
for (let s = Number(from); s <= Number(to); s++) {
  const ev = runInMemory(loadConfig(file, { sets: ["households.count=2000", `seed=${s}`] })).events;
  if (ev.some((e) => e.type === type)) hits.push(s);
}
console.log(file, type, "seeds", hits.join(","));
