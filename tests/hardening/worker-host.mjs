// The Worker that runs the host's hardening cases (host-cases.mjs) inside workerd: imports ncloud-vpc-wasm by name
// (bundled as wrangler bundles it), runs the cases named in the POSTed body against the hostile servers, and
// answers the records as JSON.
import * as api from 'ncloud-vpc-wasm';
import { runHostCases } from './host-cases.mjs';

export default {
  async fetch(request) {
    if (request.method !== 'POST') return new Response('POST {env, only}', { status: 405 });
    const { env, only } = await request.json();
    try {
      return Response.json(await runHostCases(api, env, 'workerd', only ?? null));
    } catch (error) {
      return new Response(`the cases threw: ${error?.stack ?? error}`, { status: 500 });
    }
  },
};
