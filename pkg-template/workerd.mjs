// Cloudflare Workers (workerd): the bundler imports the .wasm as a compiled module, since Workers forbid
// compiling WebAssembly from bytes at run time.
import wasmModule from './ncloud_vpc_wasm_bg.wasm';
import { initSync } from './ncloud_vpc_wasm.js';

initSync({ module: wasmModule });
export * from './ncloud_vpc_wasm.js';
