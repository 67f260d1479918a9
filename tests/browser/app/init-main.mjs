// The app through `ncloud-vpc-wasm/init`: the page decides where the .wasm comes from (a CDN, a path a strict CSP
// allows) and initialises before the first call. Same checks as main.mjs.
import * as api from 'ncloud-vpc-wasm/init';
import { runChecks } from '../checks.mjs';

const params = new URLSearchParams(location.search);
api
  .init({ module_or_path: params.get('wasm') })
  .then(() => runChecks(api, JSON.parse(params.get('env'))))
  .then(
    (checks) => { window.__checks = checks; },
    (error) => { window.__pageError = String(error?.stack ?? error); },
  );
