/**
 * Fault injection: a queue of faults, each taken by the next requests to /vpc/v2 before the gateway checks them, and
 * what each kind does to the answer (emulator/README.md, Faults).
 *
 * @module emulator/faults
 */
import crypto from 'node:crypto';
import { NONZERO_RETURN_CODE, RETURN_CODES } from './codes.js';
import { GW, sendGatewayError } from './gateway.js';
import { logEntry, send } from './http.js';
import { JSON_CT, XML_CT, renderAnswer, renderServiceError, xmlText } from './wire.js';

/** Fault kinds accepted by `injectFault` and `POST /__emulator/faults`. */
export const FAULT_KINDS = Object.freeze([
  'status429',
  'status503',
  'status504',
  'html502',
  'slow',
  'truncated',
  'drop',
  'dropMidBody',
  'empty200',
  'garbage',
  'serviceError',
  'returnCodeNonZero',
  'xmlGatewayError',
]);

/** Checks a fault and fills its defaults. @throws {TypeError} naming the bad field */
export function normalizeFault(fault) {
  if (!fault || typeof fault !== 'object') throw new TypeError('fault must be an object with a kind');
  const { kind } = fault;
  if (!FAULT_KINDS.includes(kind)) throw new TypeError(`fault.kind must be one of ${FAULT_KINDS.join(', ')}`);
  const count = fault.count ?? 1;
  if (!Number.isInteger(count) || count < 1) throw new TypeError('fault.count must be an integer >= 1');
  const f = { kind, count };
  if (kind === 'slow') {
    const delayMs = fault.delayMs ?? 5000;
    if (typeof delayMs !== 'number' || !Number.isFinite(delayMs) || delayMs < 0) throw new TypeError('fault.delayMs must be a number >= 0');
    f.delayMs = delayMs;
  }
  if (kind === 'serviceError') {
    const status = fault.status ?? 500;
    if (!Number.isInteger(status) || status < 200 || status > 599) throw new TypeError('fault.status must be an HTTP status 200-599');
    f.status = status;
  }
  if (kind === 'serviceError' || kind === 'returnCodeNonZero') {
    const rc = String(fault.returnCode ?? (kind === 'serviceError' ? RETURN_CODES.TRY_AGAIN_LATER : NONZERO_RETURN_CODE));
    if (!/^[0-9A-Za-z_]{1,40}$/.test(rc)) throw new TypeError('fault.returnCode must be 1-40 letters, digits or _');
    if (kind === 'returnCodeNonZero' && rc === '0') throw new TypeError('fault.returnCode must not be 0 for returnCodeNonZero');
    f.returnCode = rc;
  }
  return f;
}

/** Takes one use of the head fault (dropping it when used up), or null when none is queued. */
export function takeFault(faults) {
  const head = faults[0];
  if (!head) return null;
  head.count -= 1;
  if (head.count <= 0) faults.shift();
  return head;
}

/**
 * Applies a fault to a request for `action`, whose answer lists `resource`, in `format`. Resolves true when the
 * fault fully answered (or dropped) the request.
 */
export async function applyFault(ctx, fault, action, resource, format) {
  const { req, res, shared } = ctx;
  const details = `fault injected by the emulator (${fault.kind})`;
  const ct = format === 'json' ? JSON_CT : XML_CT;
  switch (fault.kind) {
    case 'status429':
      sendGatewayError(ctx, GW.rateLimited, details);
      return true;
    case 'status503':
      sendGatewayError(ctx, GW.endpointError, details);
      return true;
    case 'status504':
      sendGatewayError(ctx, GW.endpointTimeout, details);
      return true;
    case 'html502':
      send(
        ctx,
        502,
        { 'content-type': 'text/html' },
        '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n',
      );
      return true;
    case 'slow': {
      const completed = await new Promise((resolve) => {
        const onClose = () => {
          clearTimeout(timer);
          shared.timers.delete(timer);
          resolve(false);
        };
        const timer = setTimeout(() => {
          shared.timers.delete(timer);
          res.off('close', onClose);
          resolve(!res.destroyed);
        }, fault.delayMs);
        shared.timers.add(timer);
        res.once('close', onClose);
      });
      return !completed; // answered normally when the wait completed; abandoned otherwise
    }
    case 'truncated':
    case 'dropMidBody':
      ctx.cut = fault.kind; // the request is processed; its answer is cut on the way out
      return false;
    case 'drop':
      ctx.entry.status = null;
      logEntry(ctx);
      req.socket.destroy();
      return true;
    case 'empty200':
      send(ctx, 200, { 'content-type': ct }, '');
      return true;
    case 'garbage':
      send(ctx, 200, { 'content-type': 'application/octet-stream' }, crypto.randomBytes(256));
      return true;
    case 'serviceError': {
      const msg = fault.returnCode === RETURN_CODES.TRY_AGAIN_LATER ? 'Please try your call again later' : 'fault injected by the emulator (serviceError)';
      send(ctx, fault.status, { 'content-type': ct }, renderServiceError(format, fault.returnCode, msg));
      return true;
    }
    case 'returnCodeNonZero':
      send(ctx, 200, { 'content-type': ct }, renderAnswer(action, format, resource, [], 0, fault.returnCode, 'fault injected by the emulator (returnCodeNonZero)'));
      return true;
    case 'xmlGatewayError':
      send(
        ctx,
        401,
        { 'content-type': XML_CT },
        '<?xml version="1.0" encoding="UTF-8"?>\n<Message><error><errorCode>200</errorCode><message>Authentication Failed</message>' +
          `<details>${xmlText(details)}</details></error></Message>\n`,
      );
      return true;
    default:
      return false;
  }
}
