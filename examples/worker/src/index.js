// POST / {"sourceVpcNo": "…", "targetVpcNo": "…", "vpcPeeringName"?: "…"} creates a VPC peering with the keys in
// this Worker's secret bindings and answers the new peering (201), or the error's code and facts.
import { createVpcPeeringInstance } from 'ncloud-vpc-wasm';

// Only these body fields reach the call: a caller never chooses the keys or the gateway.
const FIELDS = ['sourceVpcNo', 'targetVpcNo', 'vpcPeeringName', 'targetVpcName', 'targetVpcLoginId', 'vpcPeeringDescription'];

export default {
  async fetch(request, env) {
    // This Worker spends your NCP credentials: without WORKER_TOKEN it would do so for anyone who finds its URL.
    if (!env.WORKER_TOKEN || request.headers.get('authorization') !== `Bearer ${env.WORKER_TOKEN}`) {
      return Response.json({ error: { code: 'UNAUTHORIZED', message: 'send Authorization: Bearer <WORKER_TOKEN>' } }, { status: 401 });
    }
    if (request.method !== 'POST') {
      return Response.json({ error: { code: 'METHOD_NOT_ALLOWED', message: 'POST a JSON body' } }, { status: 405, headers: { allow: 'POST' } });
    }
    let body;
    try {
      body = await request.json();
    } catch {
      return Response.json({ error: { code: 'BAD_JSON', message: 'the body must be a JSON object' } }, { status: 400 });
    }
    const options = {};
    for (const field of FIELDS) if (body?.[field] !== undefined) options[field] = body[field];

    try {
      const result = await createVpcPeeringInstance({
        ...options,
        accessKey: env.NCLOUD_ACCESS_KEY,
        secretKey: env.NCLOUD_SECRET_KEY,
        endpoint: env.NCLOUD_API_GW || undefined,
      });
      return Response.json(result.vpcPeeringInstanceList[0], { status: 201 });
    } catch (error) {
      // error.code is stable; the facts beside it say what to fix. A bad option is the caller's fault (400); the rest
      // is NCP's answer or the way to it (502).
      const { code, message, field, status, returnCode, returnMessage } = error;
      return Response.json(
        { error: { code, message, field, status, returnCode, returnMessage } },
        { status: code === 'ERR_INVALID_OPTION' ? 400 : 502 },
      );
    }
  },
};
