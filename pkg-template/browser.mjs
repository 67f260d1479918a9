// Browsers, web workers and bundlers: fetch and instantiate the .wasm that sits next to this file.
import wasm from './esm.mjs';

await wasm.init({ module_or_path: new URL('./ncloud_vpc_wasm_bg.wasm', import.meta.url) });
export * from './esm.mjs';
