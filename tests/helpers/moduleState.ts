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
    const name = m[1].replace(/\$/g, "\\$");
    const member = `\\b${name}(?:\\.[\\w$]+|\\[[^\\]]*\\])+`;
    const write = new RegExp(
      `${member}\\s*(?:[-+*/%&|^]|\\*\\*|<<|>>>?|\\?\\?|&&|\\|\\|)?=(?!=)|${member}\\s*(?:\\+\\+|--)|(?:\\+\\+|--)\\s*${member}|\\b${name}(?:\\.[\\w$]+|\\[[^\\]]*\\])*\\.(?:push|pop|shift|unshift|splice|fill|set|sort|reverse|copyWithin|delete|clear)\\(`,
    );
    if (write.test(text)) found.push(`${m[1]}: a top-level object or array the module writes to`);
  }
  return found;
}
