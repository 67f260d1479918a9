// With the DOM (or Workers) lib, a `WebAssembly.Module` and any `BufferSource` are what `initSync` takes.
import { initSync } from 'ncloud-vpc-wasm/init';
import type { WasmModule, WasmBytes } from 'ncloud-vpc-wasm/init';

export function same(module: WebAssembly.Module, bytes: BufferSource): [WasmModule, WasmBytes, WebAssembly.Module] {
  initSync({ module });
  initSync({ module: bytes });
  const m: WasmModule = module;
  const b: WasmBytes = bytes;
  const back: WebAssembly.Module = m;
  return [m, b, back];
}
