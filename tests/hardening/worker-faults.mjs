// The Worker that runs the fault matrix inside workerd: imports ncloud-vpc-wasm by name (bundled with the
// `workerd` condition, the .wasm a compiled module, as wrangler does) and the runtime-agnostic matrix.mjs, runs
// the cases named in the POSTed environment against the emulator, and answers the records as JSON.
import * as api from 'ncloud-vpc-wasm';
import { runMatrix } from './matrix.mjs';

export default {
  async fetch(request) {
    if (request.method !== 'POST') return new Response('POST {env, only}', { status: 405 });
    const { env, only } = await request.json();
    try {
      return Response.json(await runMatrix(api, env, {}, only ?? null));
    } catch (error) {
      return new Response(`the matrix threw: ${error?.stack ?? error}`, { status: 500 });
    }
  },
};
