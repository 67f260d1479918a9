// The `ncloud-vpc-wasm/init` entry: the same API, initialised by the host.
export * from './index.js';

/**
 * A compiled `WebAssembly.Module`. Looked up on `globalThis` so that these declarations also compile where no lib
 * declares WebAssembly (a Node project with `@types/node` and no DOM lib); there it is any object.
 */
export type WasmModule = typeof globalThis extends { WebAssembly: { Module: { prototype: infer M } } } ? M : object;

/** The .wasm's bytes (what the DOM lib calls `BufferSource`). */
export type WasmBytes = ArrayBuffer | ArrayBufferView;

/** Where the .wasm comes from: a URL, a Response, bytes, or a compiled module. */
export type WasmSource = string | URL | Request | Response | WasmBytes | WasmModule;

/** Fetches (or takes) and instantiates the .wasm. Call once, before any other export. */
export function init(source?: { module_or_path: WasmSource | Promise<WasmSource> }): Promise<unknown>;
/** Instantiates from bytes or a compiled module, synchronously. */
export function initSync(source: { module: WasmBytes | WasmModule }): unknown;
