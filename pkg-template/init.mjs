// For hosts that place the .wasm themselves (a CDN, a strict CSP): call `await init({ module_or_path })` or
// `initSync({ module })` once before any other export. Until then every export fails with a clear
// ERR_NOT_INITIALIZED instead of the glue's "Cannot read properties of undefined".
import wasm from './esm.mjs';

export * from './esm.mjs';
/** Fetches (or takes) and instantiates the .wasm. */
export const init = wasm.init;
/** Instantiates from bytes or a compiled module, synchronously. */
export const initSync = wasm.initSync;
