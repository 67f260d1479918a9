// The browser app under test: imports ncloud-vpc-wasm by name (an import map, or a bundler resolving the `browser`
// condition to browser.mjs), runs the shared checks against the emulator given in `?env=`, and leaves their facts in
// `window.__checks` for the runner. The same file is the entry of the Vite, webpack and esbuild builds.
import * as api from 'ncloud-vpc-wasm';
import { runChecks } from '../checks.mjs';

const env = JSON.parse(new URLSearchParams(location.search).get('env'));
runChecks(api, env).then(
  (checks) => {
    window.__checks = checks;
    document.body.dataset.done = 'true';
  },
  (error) => {
    window.__pageError = String(error?.stack ?? error);
  },
);
