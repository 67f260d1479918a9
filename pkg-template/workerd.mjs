// Cloudflare Workers (workerd): the bundler imports the .wasm as a compiled module, since Workers forbid
// compiling WebAssembly from bytes at run time.
import wasmModule from './ncloud_vpc_wasm_bg.wasm';
import wasm from './esm.mjs';

wasm.initSync({ module: wasmModule });
export * from './esm.mjs';
