// The `ncloud-vpc-wasm/init` entry: the same API, initialised by the host.
export * from './index.js';

/** Where the .wasm comes from: a URL, a Response, bytes, or a compiled module. */
export type WasmSource = string | URL | Request | Response | BufferSource | WebAssembly.Module;

/** Fetches (or takes) and instantiates the .wasm. Call once, before any other export. */
export function init(source?: { module_or_path: WasmSource | Promise<WasmSource> }): Promise<unknown>;
/** Instantiates from bytes or a compiled module, synchronously. */
export function initSync(source: { module: BufferSource | WebAssembly.Module }): unknown;
