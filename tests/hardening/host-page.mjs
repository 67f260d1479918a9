// host-page.html's script: runs host-cases.mjs in the page and leaves the records in `window.__records`.
import * as api from 'ncloud-vpc-wasm';
import { runHostCases } from './host-cases.mjs';

const params = new URLSearchParams(location.search);
const env = JSON.parse(params.get('env'));
const only = params.has('only') ? JSON.parse(params.get('only')) : null;
try {
  window.__records = await runHostCases(api, env, 'chromium', only);
} catch (error) {
  window.__pageError = String(error?.stack ?? error);
}
