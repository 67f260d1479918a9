// Runs the connectVpcs scenarios (../connect-scenarios.mjs) in the page, with the package imported by name:
// `window.runConnectScenario(name, env)` resolves with the scenario's outcome as JSON; `window.__connectReady` says
// the module (and so the package's wasm) has loaded.
import * as api from 'ncloud-vpc-wasm';
import { runScenario } from '../connect-scenarios.mjs';

window.runConnectScenario = (name, env) => runScenario(api, env, name);
window.__connectReady = true;
