// Peer (a): the hand-written Node client a user would write instead of this package: validation, strict encoding and
// XML parsing from peer-common.mjs, signature v2 with node:crypto createHmac, the answer read with fetch.
import { createHmac } from 'node:crypto';
import { createParams, listParams, requestTarget, stringToSign, parseAnswer, signedGet } from './peer-common.mjs';

/** base64(HMAC-SHA256(secretKey, message)). */
export function sign(secretKey, message) {
  return createHmac('sha256', secretKey).update(message).digest('base64');
}

function build(prepared, timestamp) {
  const target = requestTarget(prepared);
  const ts = String(timestamp ?? Date.now());
  return signedGet(prepared, target, ts, sign(prepared.secretKey, stringToSign('GET', target, ts, prepared.accessKey)));
}

async function send(prepared, opts) {
  const request = build(prepared, opts.timestamp);
  const response = await (opts.fetch ?? fetch)(request.url, { method: 'GET', headers: request.headers });
  return parseAnswer(prepared.action, response.status, await response.text());
}

export const buildCreateVpcPeeringInstanceRequest = (opts) => build(createParams(opts), opts.timestamp);
export const buildGetVpcPeeringInstanceListRequest = (opts) => build(listParams(opts), opts.timestamp);
export const createVpcPeeringInstance = async (opts) => send(createParams(opts), opts);
export const getVpcPeeringInstanceList = async (opts) => send(listParams(opts), opts);
