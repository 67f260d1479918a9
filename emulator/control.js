/**
 * The control API under `/__emulator/<name>`: unauthenticated, for tests and the demo console (queue and clear
 * faults, reset, read the request log and the state). Not logged.
 *
 * @module emulator/control
 */
import { normalizeFault } from './faults.js';
import { makeCtx, readBody, sendJson } from './http.js';

const MAX_CONTROL_BODY_BYTES = 64 * 1024;
const ENDPOINTS = ['faults', 'reset', 'requests', 'state'];

/** Answers one control request; `shared` holds the emulator's faults, log, `reset()` and `state()`. */
export async function handleControl(req, res, shared, name) {
  const ctx = makeCtx(req, res, null, shared);
  const route = `${req.method} ${name}`;
  let body = Buffer.alloc(0);
  if (req.method === 'POST') {
    const r = await readBody(req, MAX_CONTROL_BODY_BYTES);
    if (r.aborted) return;
    if (r.tooLarge) return sendJson(ctx, 413, { error: 'control request body too large' });
    body = r.body;
  } else {
    req.resume();
  }
  switch (route) {
    case 'POST faults': {
      let value;
      try {
        value = body.length ? JSON.parse(body.toString('utf8')) : null;
      } catch {
        return sendJson(ctx, 400, { error: 'the body must be JSON: {"kind": ..., "count": ...} or an array of those' });
      }
      const list = Array.isArray(value) ? value : [value];
      let normalized;
      try {
        normalized = list.map(normalizeFault);
      } catch (e) {
        return sendJson(ctx, 400, { error: e.message });
      }
      for (const f of normalized) shared.faults.push(f);
      return sendJson(ctx, 200, { ok: true, pending: shared.faults });
    }
    case 'GET faults':
      return sendJson(ctx, 200, { pending: shared.faults });
    case 'DELETE faults':
      shared.faults.length = 0;
      return sendJson(ctx, 200, { ok: true, pending: [] });
    case 'POST reset':
      shared.reset();
      return sendJson(ctx, 200, { ok: true });
    case 'GET requests':
      return sendJson(ctx, 200, shared.requests);
    case 'GET state':
      return sendJson(ctx, 200, shared.state());
    default: {
      if (ENDPOINTS.includes(name)) return sendJson(ctx, 405, { error: `${req.method} is not allowed on /__emulator/${name}` });
      return sendJson(ctx, 404, { error: `unknown control endpoint /__emulator/${name}; known: ${ENDPOINTS.join(', ')}` });
    }
  }
}
