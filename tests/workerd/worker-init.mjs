// The same checks through `ncloud-vpc-wasm/init`, the entry for hosts that place the .wasm themselves: here the
// Worker imports the package's .wasm subpath as a compiled module and initialises synchronously.
import * as api from 'ncloud-vpc-wasm/init';
import wasm from 'ncloud-vpc-wasm/ncloud_vpc_wasm_bg.wasm';
import { runChecks } from '../browser/checks.mjs';

api.initSync({ module: wasm });

export default {
  async fetch(request) {
    if (request.method !== 'POST') return new Response('POST the check environment as JSON', { status: 405 });
    return Response.json(await runChecks(api, await request.json()));
  },
};
