// A Worker that runs one connectVpcs scenario (../browser/connect-scenarios.mjs) per request, so every call of the
// package — reads, changes, waits, the fault-injecting fetch — happens inside workerd.
//   POST {"name": "<scenario>", "env": {...}} → {"ok": true, "facts"} | {"ok": false, "error"}
import * as api from 'ncloud-vpc-wasm';
import { runScenario } from '../browser/connect-scenarios.mjs';

export default {
  async fetch(request) {
    if (request.method !== 'POST') return new Response('POST {"name", "env"} as JSON', { status: 405 });
    const { name, env } = await request.json();
    return Response.json(await runScenario(api, env, name));
  },
};
