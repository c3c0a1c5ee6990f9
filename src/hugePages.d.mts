// Types of src/hugePages.mjs (a plain module: the launcher imports it before tsx is loaded).
export function hugePageEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
