// Hostile JavaScript at the boundary: options objects and fetch implementations that misbehave in every way JS
// allows. A panic in the wasm (panic = "abort") or an uncaught trap would kill the instance for every later call,
// so each case must end in an NcloudVpcError (or a result), and a normal call afterwards must still succeed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as api from 'ncloud-vpc-wasm';
import { startEmulator } from '../../emulator/server.js';
import { seed } from '../../emulator/seed.js';

const [alice] = seed.accounts;
let emu;
before(async () => { emu = await startEmulator({ runDelayMs: 50, deleteDelayMs: 50 }); });
after(() => emu?.close());

const keys = () => ({ accessKey: alice.accessKey, secretKey: alice.secretKey, endpoint: emu.url });

async function stillWorks() {
  const result = await api.getVpcPeeringInstanceList(keys());
  assert.equal(result.returnCode, '0');
  assert.equal(api.buildGetVpcPeeringInstanceListRequest({ ...keys(), timestamp: 1 }).method, 'GET');
}

/** Runs `make` (sync or async); returns the NcloudVpcError it threw or rejected with, or 'resolved'. */
async function outcome(make) {
  try {
    await make();
    return 'resolved';
  } catch (err) {
    assert.ok(err instanceof Error, `not an Error: ${err}`);
    return err;
  }
}

const OPTIONS = {
  'a getter that throws': () => Object.defineProperty({ ...keys() }, 'sourceVpcNo', { enumerable: true, get() { throw new Error('getter'); } }),
  'a Proxy whose traps throw': () => new Proxy({}, { ownKeys() { throw new Error('ownKeys'); } }),
  'a Proxy that lies about its keys': () => new Proxy({ ...keys() }, { ownKeys: () => ['sourceVpcNo', 'x'], getOwnPropertyDescriptor: () => ({ value: 1, enumerable: true, configurable: true }) }),
  'a revoked Proxy': () => { const { proxy, revoke } = Proxy.revocable({}, {}); revoke(); return proxy; },
  'symbol keys and BigInt values': () => ({ ...keys(), [Symbol('s')]: 1, sourceVpcNo: 10001n, targetVpcNo: 10002n }),
  'a Symbol value': () => ({ ...keys(), sourceVpcNo: Symbol('x'), targetVpcNo: 1 }),
  'nested arrays and objects': () => ({ ...keys(), sourceVpcNo: [[[1]]], targetVpcNo: { valueOf: () => 2 } }),
  'NaN, Infinity, -0, 2^53': () => ({ ...keys(), sourceVpcNo: NaN, targetVpcNo: Infinity, timeoutMs: -0, retries: 2 ** 53 }),
  'a 10 MB description': () => ({ ...keys(), sourceVpcNo: 1, targetVpcNo: 2, vpcPeeringDescription: 'x'.repeat(10 * 1024 * 1024) }),
  'a key of 1 MB': () => ({ ...keys(), sourceVpcNo: 1, targetVpcNo: 2, ['k'.repeat(1024 * 1024)]: 1 }),
  'a secret with a lone surrogate': () => ({ ...keys(), secretKey: 'secret\ud800secret', sourceVpcNo: 1, targetVpcNo: 2 }),
  'signal: a plain object': () => ({ ...keys(), sourceVpcNo: 1, targetVpcNo: 2, signal: {} }),
  'signal: an object claiming to be aborted': () => ({ ...keys(), sourceVpcNo: 1, targetVpcNo: 2, signal: { aborted: true, reason: 'fake' } }),
  'a frozen, null-prototype object': () => Object.freeze(Object.assign(Object.create(null), keys(), { sourceVpcNo: 1, targetVpcNo: 2 })),
  'an Array': () => [keys()],
  'a function': () => Object.assign(() => {}, keys()),
  'a Date': () => new Date(),
  'a string': () => 'options',
};

for (const [name, make] of Object.entries(OPTIONS)) {
  test(`options: ${name}`, async () => {
    for (const run of [
      () => api.createVpcPeeringInstance(make()),
      () => api.buildCreateVpcPeeringInstanceRequest(make()),
      () => api.validateOptions('createVpcPeeringInstance', make()),
      () => api.createClient(make()),
      () => api.waitForVpcPeeringInstance(make()),
    ]) {
      const result = await outcome(run);
      if (result !== 'resolved') {
        assert.equal(result.name, 'NcloudVpcError', `${result.name}: ${result.message}`);
        assert.ok(!String(result.message).includes(alice.secretKey));
      }
    }
    await stillWorks();
  });
}

const FETCHES = {
  'throws synchronously': () => { throw new Error('sync'); },
  'throws a non-Error': () => { throw 42; },
  'rejects with undefined': () => Promise.reject(undefined),
  'resolves with undefined': async () => undefined,
  'resolves with a string': async () => 'not a response',
  'status NaN': async () => ({ status: NaN, text: async () => '' }),
  'status -1 and 1e9': async () => ({ status: 1e9, text: async () => '<a/>' }),
  'status as a string': async () => ({ status: '200', text: async () => '' }),
  'text() throws': async () => ({ status: 200, text() { throw new Error('text'); } }),
  'text() resolves with a number': async () => ({ status: 200, text: async () => 42 }),
  'text() resolves with an object': async () => ({ status: 200, text: async () => ({ toString: () => '{}' }) }),
  'text() never settles, timeoutMs 50': async () => ({ status: 200, text: () => new Promise(() => {}) }),
  'a 20 MB body': async () => new Response('<a>'.repeat(7 * 1024 * 1024), { status: 200 }),
  'a 20 MB JSON string': async () => new Response(`{"x":"${'y'.repeat(20 * 1024 * 1024)}"}`, { status: 200 }),
  'status getter throws': async () => ({ get status() { throw new Error('status'); }, text: async () => '' }),
  'a thenable that throws in then': () => ({ then() { throw new Error('then'); } }),
};

for (const [name, fetch] of Object.entries(FETCHES)) {
  test(`fetch: ${name}`, async () => {
    const result = await outcome(() => api.getVpcPeeringInstanceList({ ...keys(), fetch, retries: 0, timeoutMs: 50 }));
    assert.notEqual(result, 'resolved');
    assert.equal(result.name, 'NcloudVpcError', `${result.name}: ${result.message}`);
    assert.match(result.code, /^ERR_(NETWORK|BAD_RESPONSE|HTTP|TIMEOUT)$/);
    await stillWorks();
  });
}

test('onPoll that throws, and a wait aborted while sleeping', async () => {
  const created = await api.createVpcPeeringInstance({ ...keys(), sourceVpcNo: 10001, targetVpcNo: 10002 });
  const no = created.vpcPeeringInstanceList[0].vpcPeeringInstanceNo;
  const thrown = await outcome(() => api.waitForVpcPeeringInstance({ ...keys(), vpcPeeringInstanceNo: no, pollIntervalMs: 1, onPoll() { throw new Error('from onPoll'); } }));
  assert.equal(thrown.message, 'from onPoll');
  const aborted = await outcome(() => api.waitForVpcPeeringInstance({ ...keys(), vpcPeeringInstanceNo: no, until: 'GONE', pollIntervalMs: 10_000, signal: AbortSignal.timeout(50) }));
  assert.equal(aborted.code, 'ERR_ABORTED');
  await api.deleteVpcPeeringInstance({ ...keys(), vpcPeeringInstanceNo: no });
  await stillWorks();
});

// --- regressions (fixed in src/js/read.rs; see docs/security.md, "Found") --------------------------------------

test('regression: options whose Proxy trap throws reject with ERR_INVALID_OPTION (was: an uncaught exception, then every later call hung)', async () => {
  for (const options of [OPTIONS['a Proxy whose traps throw'](), OPTIONS['a revoked Proxy']()]) {
    const err = await outcome(() => api.getVpcPeeringInstanceList(options));
    assert.equal(err.code, 'ERR_INVALID_OPTION');
    assert.equal(err.field, 'options');
    await stillWorks();
  }
  // The same inside an option value: a list whose items throw, a revoked Proxy as a list.
  const throwingList = new Proxy([1, 2], { get(target, key) { if (key === '0') throw new Error('item'); return Reflect.get(target, key); } });
  for (const list of [throwingList, OPTIONS['a revoked Proxy']()]) {
    const err = await outcome(() => api.getVpcPeeringInstanceList({ ...keys(), vpcPeeringInstanceNoList: list }));
    assert.equal(err.code, 'ERR_INVALID_OPTION');
    assert.equal(err.field, 'vpcPeeringInstanceNoList');
  }
  await stillWorks();
});

test('objects inside a list are read key by key; one whose getter or Proxy trap throws is named, never thrown (issue 13: lists of objects such as routeList)', async () => {
  const cases = [
    [{ get x() { throw new Error('getter'); } }, 'got an object that could not be read (a getter or Proxy trap threw)'],
    [new Proxy({}, { ownKeys() { throw new Error('ownKeys'); } }), 'got an object that could not be read (a getter or Proxy trap threw)'],
    [new Proxy({ a: 1 }, { get() { throw new Error('get'); } }), 'got an object that could not be read (a getter or Proxy trap threw)'],
    [Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`k${i}`, i])), 'got an object of more than 64 keys'],
    [OPTIONS['a revoked Proxy'](), 'got object'],
    [{ a: 1, b: [2], c: { d: 3 } }, 'got object'],
  ];
  for (const [item, ending] of cases) {
    const err = await outcome(() => api.getVpcPeeringInstanceList({ ...keys(), vpcPeeringInstanceNoList: ['1', item] }));
    assert.equal(err.code, 'ERR_INVALID_OPTION');
    assert.equal(err.field, 'vpcPeeringInstanceNoList');
    assert.ok(err.message.endsWith(ending), err.message);
    const [problem] = api.validateOptions('getVpcPeeringInstanceList', { ...keys(), vpcPeeringInstanceNoList: [item] });
    assert.ok(problem.message.endsWith(ending), problem.message);
  }
  await stillWorks();
});

test('regression: a signal that is not an AbortSignal is refused (was: silently ignored, and a throwing Proxy crashed the call)', async () => {
  const controller = new AbortController();
  const hostile = new Proxy({}, { get() { throw new Error('trap'); } });
  for (const signal of [{}, controller, { aborted: true, reason: 'x', addEventListener() {} }, hostile]) {
    const err = await outcome(() => api.getVpcPeeringInstanceList({ ...keys(), signal }));
    assert.equal(err.code, 'ERR_INVALID_OPTION');
    assert.equal(err.field, 'signal');
    assert.match(err.message, /signal must be an AbortSignal/);
  }
  assert.deepEqual(await api.validateOptions('getVpcPeeringInstanceList', { ...keys(), signal: controller.signal }), []);
  await stillWorks();
});

test('regression: a huge sparse list is refused unread (was: new Array(2e8) trapped the wasm, 5e7 took seconds)', async () => {
  for (const length of [10_001, 5e7, 2e8, 2 ** 32 - 1]) {
    const started = performance.now();
    const err = await outcome(() => api.buildGetVpcPeeringInstanceListRequest({ ...keys(), vpcPeeringInstanceNoList: new Array(length) }));
    assert.equal(err.code, 'ERR_INVALID_OPTION');
    assert.equal(err.field, 'vpcPeeringInstanceNoList');
    assert.ok(performance.now() - started < 100, `took ${performance.now() - started} ms`);
  }
  const ok = api.buildGetVpcPeeringInstanceListRequest({ ...keys(), vpcPeeringInstanceNoList: Array.from({ length: 10_000 }, (_, i) => i + 1) });
  assert.match(ok.url, /vpcPeeringInstanceNoList\.10000=10000&/);
  await stillWorks();
});

test('client methods with hostile options: an error, never a dead client', async () => {
  const client = api.createClient(keys());
  for (const make of [OPTIONS['a getter that throws'], OPTIONS['a Proxy whose traps throw'], OPTIONS['a revoked Proxy']]) {
    const err = await outcome(() => client.getVpcPeeringInstanceList(make()));
    assert.notEqual(err, 'resolved');
    const again = await client.getVpcPeeringInstanceList({});
    assert.equal(again.returnCode, '0');
  }
  client.free();
  await stillWorks();
});

test('an AbortSignal behind a Proxy whose traps throw: ERR_ABORTED with the trap\'s error as cause, never a dead instance', async () => {
  const trapping = (name) => new Proxy(new AbortController().signal, {
    get(target, key) {
      if (key === name) throw new Error(`trap: ${name}`);
      const value = Reflect.get(target, key);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  for (const name of ['aborted', 'addEventListener']) {
    const err = await outcome(() => api.getVpcPeeringInstanceList({ ...keys(), signal: trapping(name) }));
    assert.equal(err.code, 'ERR_ABORTED', `${name}: ${err.message}`);
    assert.equal(err.attempts, 0);
    assert.equal(err.cause?.message, `trap: ${name}`);
    await stillWorks();
  }
});

test('a fetch whose apply trap throws, or whose own `call` is replaced: ERR_NETWORK, never a dead instance', async () => {
  const throwing = new Proxy(fetch, { apply() { throw new Error('apply trap'); } });
  const renamed = Object.assign(async (...args) => fetch(...args), { call: 5 });
  const err = await outcome(() => api.getVpcPeeringInstanceList({ ...keys(), fetch: throwing }));
  assert.equal(err.code, 'ERR_NETWORK');
  assert.equal(err.cause?.message, 'apply trap');
  const result = await api.getVpcPeeringInstanceList({ ...keys(), fetch: renamed });
  assert.equal(result.returnCode, '0');
  await stillWorks();
});
