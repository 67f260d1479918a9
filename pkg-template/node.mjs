// Node ESM: the CommonJS entry's instance, so `import` and `require` in one process share it. Loaded with
// createRequire and re-exported by name: node.cjs makes its exports at run time (from the wasm's actions()), where
// Node's scan of a CommonJS module for `export *` cannot see them.
import { createRequire } from 'node:module';

const api = createRequire(import.meta.url)('./node.cjs');

// One named export per key of `api`, written in by scripts/build.sh (scripts/exports.mjs).
export const { /* @names */ } = api;
