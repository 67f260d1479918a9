// esbuild without the copy step: `--loader:.wasm=file` hashes and places the .wasm next to the bundle, and the
// imported path (relative to the bundle) goes to `init` from `ncloud-vpc-wasm/init`. Same checks as main.mjs.
import * as api from 'ncloud-vpc-wasm/init';
import wasmPath from 'ncloud-vpc-wasm/ncloud_vpc_wasm_bg.wasm';
import { runChecks } from '../checks.mjs';

try {
  await api.init({ module_or_path: new URL(wasmPath, import.meta.url) });
  window.__checks = await runChecks(api, JSON.parse(new URLSearchParams(location.search).get('env')));
} catch (error) {
  window.__pageError = String(error?.stack ?? error);
}
