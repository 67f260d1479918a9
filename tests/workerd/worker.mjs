// The Worker under test: imports the package by name (resolved with the `workerd` condition to workerd.mjs, which
// imports the .wasm as a compiled module), runs the shared behaviour checks against the emulator named in the
// request, and answers their facts as JSON for run.mjs to assert.
import * as api from 'ncloud-vpc-wasm';
import { runChecks } from '../browser/checks.mjs';

export default {
  async fetch(request) {
    if (request.method !== 'POST') return new Response('POST the check environment as JSON', { status: 405 });
    const env = await request.json();
    return Response.json(await runChecks(api, env));
  },
};
