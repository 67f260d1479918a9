// Node ESM: the CommonJS entry's instance, so `import` and `require` in one process share it. Loaded with
// createRequire and re-exported by name: `export * from './node.cjs'` would make Node scan the CommonJS glue for
// its export names at every start, which costs more than compiling the wasm.
import { createRequire } from 'node:module';

const api = createRequire(import.meta.url)('./node.cjs');

// One named export per name of `exportNames(actions())` (api.mjs), written in by scripts/build.sh.
export const { /* @names */ } = api;
