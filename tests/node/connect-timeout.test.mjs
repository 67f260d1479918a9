// connectVpcs' requestTimeoutMs in Node: a request that never answers fails the connection with ERR_TIMEOUT and its
// steps after requestTimeoutMs (not after the whole timeoutMs, an hour by default), the hung fetch is aborted, and
// a second run completes from where the first stopped.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { connectVpcs } from 'ncloud-vpc-wasm';
import { emulator, alice, keys } from './_setup.mjs';

let emu;
before(async () => { emu = await emulator(); });
after(() => emu.close());

/** A fetch that never answers the `hang`-th request (counting from 1) until its signal aborts it; the rest go through. */
function hangingOn(hang) {
  const seen = { count: 0, aborted: 0, hungAction: undefined };
  const fetch = (url, init) => {
    seen.count += 1;
    if (seen.count !== hang) return globalThis.fetch(url, init);
    seen.hungAction = new URL(url).pathname.split('/').pop();
    return new Promise((_, reject) => {
      init.signal?.addEventListener('abort', () => {
        seen.aborted += 1;
        reject(new DOMException('aborted', 'AbortError'));
      });
    });
  };
  return { fetch, seen };
}

const pair = (emu) => ({ ...keys(alice, emu), sourceVpcNo: '10002', targetVpcNo: '10004', pollIntervalMs: 20 });

test('a request that never answers fails the connection after requestTimeoutMs, with its steps; a rerun completes', async () => {
  for (const hang of [1, 5, 7]) {
    emu.reset();
    const { fetch, seen } = hangingOn(hang);
    const started = Date.now();
    let error;
    try {
      await connectVpcs({ ...pair(emu), fetch, requestTimeoutMs: 300, retries: 0 });
    } catch (caught) {
      error = caught;
    }
    const elapsed = Date.now() - started;
    assert.ok(error, `hang at request ${hang}: rejected`);
    assert.equal(error.code, 'ERR_TIMEOUT', error.message);
    assert.match(error.message, new RegExp(`^${seen.hungAction} timed out after 300 ms \\(requestTimeoutMs\\)$`));
    assert.ok(Array.isArray(error.steps), 'err.steps');
    assert.equal(seen.aborted, 1, 'the hung fetch was aborted');
    assert.ok(elapsed >= 290 && elapsed < 10_000, `failed after ~300 ms, not the hour: ${elapsed} ms`);
    const rerun = await connectVpcs(pair(emu));
    assert.equal(rerun.complete, true, `hang at request ${hang}: the rerun completes`);
    assert.equal(rerun.routes.length, 4);
  }
});

test('requestTimeoutMs: 0 leaves a request only the whole budget (timeoutMs)', async () => {
  emu.reset();
  const { fetch } = hangingOn(1);
  const error = await connectVpcs({ ...pair(emu), fetch, requestTimeoutMs: 0, timeoutMs: 400 }).catch((e) => e);
  assert.equal(error.code, 'ERR_TIMEOUT');
  assert.match(error.message, /^connectVpcs timed out after 400 ms \(timeoutMs\)$/);
});
