// Peer (b): the same client for Workers and browsers: signature v2 with WebCrypto (`crypto.subtle` importKey +
// sign, HMAC-SHA256), everything else from peer-common.mjs (fast-xml-parser for the answer).
import { createParams, listParams, requestTarget, stringToSign, parseAnswer, signedGet } from './peer-common.mjs';

const utf8 = new TextEncoder();

function base64(buffer) {
  let binary = '';
  for (const byte of new Uint8Array(buffer)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** base64(HMAC-SHA256(secretKey, message)). */
export async function sign(secretKey, message) {
  const key = await crypto.subtle.importKey('raw', utf8.encode(secretKey), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return base64(await crypto.subtle.sign('HMAC', key, utf8.encode(message)));
}

async function build(prepared, timestamp) {
  const target = requestTarget(prepared);
  const ts = String(timestamp ?? Date.now());
  return signedGet(prepared, target, ts, await sign(prepared.secretKey, stringToSign('GET', target, ts, prepared.accessKey)));
}

async function send(prepared, opts) {
  const request = await build(prepared, opts.timestamp);
  const response = await (opts.fetch ?? fetch)(request.url, { method: 'GET', headers: request.headers });
  return parseAnswer(prepared.action, response.status, await response.text());
}

/** Dry run; async, since WebCrypto is. */
export const buildCreateVpcPeeringInstanceRequest = async (opts) => build(createParams(opts), opts.timestamp);
export const buildGetVpcPeeringInstanceListRequest = async (opts) => build(listParams(opts), opts.timestamp);
export const createVpcPeeringInstance = async (opts) => send(createParams(opts), opts);
export const getVpcPeeringInstanceList = async (opts) => send(listParams(opts), opts);
