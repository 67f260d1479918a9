// The `ncloud-vpc-wasm/init` entry: the host initialises the wasm itself (CDN, strict CSP, workerd with its own
// module). Its types: init / initSync, and the same API re-exported.
import { init, initSync, createVpcPeeringInstance } from 'ncloud-vpc-wasm/init';
import type { WasmSource, WasmModule, WasmBytes, VpcPeeringInstanceListResult } from 'ncloud-vpc-wasm/init';

const sources: WasmSource[] = [
  'https://cdn.example.com/ncloud_vpc_wasm_bg.wasm',
  new URL('https://cdn.example.com/ncloud_vpc_wasm_bg.wasm'),
  new Uint8Array(8),
  new ArrayBuffer(8),
];

export async function start(module: WasmModule, bytes: WasmBytes): Promise<VpcPeeringInstanceListResult> {
  await init({ module_or_path: sources[0]! });
  await init({ module_or_path: fetch('https://cdn.example.com/ncloud_vpc_wasm_bg.wasm') });
  await init();
  initSync({ module });
  initSync({ module: bytes });
  initSync({ module: new Uint8Array(8) });
  return createVpcPeeringInstance({ accessKey: 'a', secretKey: 's', sourceVpcNo: 1, targetVpcNo: 2 });
}

// @ts-expect-error initSync needs the module
initSync();
