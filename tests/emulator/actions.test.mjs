// Every action in GET and POST, XML and JSON; the same-account and cross-account lifecycles.
import { test, describe, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { start, call, callJson, parseXml, xmlToObject, alice, bob, sleep } from './_helpers.mjs';

/** The fields of one peering in the order of the API page's sample; the date as each format spells it. */
const fields = (format) => [
  'vpcPeeringInstanceNo',
  'vpcPeeringName',
  'regionCode',
  'createDate',
  format === 'json' ? 'lastModifiyDate' : 'lastModifyDate',
  'vpcPeeringInstanceStatus',
  'vpcPeeringInstanceStatusName',
  'vpcPeeringInstanceOperation',
  'sourceVpcNo',
  'sourceVpcName',
  'sourceVpcIpv4CidrBlock',
  'sourceVpcLoginId',
  'targetVpcNo',
  'targetVpcName',
  'targetVpcIpv4CidrBlock',
  'targetVpcLoginId',
  'vpcPeeringDescription',
  'hasReverseVpcPeering',
  'isBetweenAccounts',
  'reverseVpcPeeringInstanceNo',
];
const DATE_RE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0900$/;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let emu;
before(async () => {
  emu = await start();
});
after(() => emu.close());
beforeEach(() => emu.reset());

async function createSame(extra = {}, opts = {}) {
  const r = await callJson(emu, 'createVpcPeeringInstance', { sourceVpcNo: '10001', targetVpcNo: '10002', ...extra }, opts);
  assert.equal(r.status, 200, r.text);
  return r.body.vpcPeeringInstanceList[0];
}

async function createCross(extra = {}) {
  const r = await callJson(emu, 'createVpcPeeringInstance', {
    sourceVpcNo: '10002',
    targetVpcNo: '20001',
    targetVpcName: 'bob-db',
    targetVpcLoginId: 'bob@example.com',
    ...extra,
  });
  assert.equal(r.status, 200, r.text);
  return r.body.vpcPeeringInstanceList[0];
}

/** Each action with the parameters it needs, given a fresh state. */
const SCENARIOS = {
  createVpcPeeringInstance: async () => ({ sourceVpcNo: '10001', targetVpcNo: '10002', vpcPeeringName: 'web-to-app', vpcPeeringDescription: 'a <b> & "c" \'d\'' }),
  getVpcPeeringInstanceList: async () => {
    await createSame({ vpcPeeringName: 'web-to-app', vpcPeeringDescription: 'a <b> & "c" \'d\'' });
    return {};
  },
  getVpcPeeringInstanceDetail: async () => {
    const p = await createSame({ vpcPeeringName: 'web-to-app', vpcPeeringDescription: 'a <b> & "c" \'d\'' });
    return { vpcPeeringInstanceNo: p.vpcPeeringInstanceNo };
  },
  acceptOrRejectVpcPeering: async () => {
    const p = await createCross({ vpcPeeringName: 'web-to-app', vpcPeeringDescription: 'a <b> & "c" \'d\'' });
    return { vpcPeeringInstanceNo: p.vpcPeeringInstanceNo, isAccept: 'true', _account: bob };
  },
  deleteVpcPeeringInstance: async () => {
    const p = await createSame({ vpcPeeringName: 'web-to-app', vpcPeeringDescription: 'a <b> & "c" \'d\'' });
    return { vpcPeeringInstanceNo: p.vpcPeeringInstanceNo };
  },
  setVpcPeeringDescription: async () => {
    const p = await createSame({ vpcPeeringName: 'web-to-app' });
    return { vpcPeeringInstanceNo: p.vpcPeeringInstanceNo, vpcPeeringDescription: 'a <b> & "c" \'d\'' };
  },
};

function checkInstance(p, format) {
  assert.deepEqual(Object.keys(p), fields(format));
  assert.match(p.vpcPeeringInstanceNo, /^\d+$/);
  assert.equal(p.vpcPeeringName, 'web-to-app');
  assert.equal(p.regionCode, 'KR');
  assert.match(p.createDate, DATE_RE);
  assert.match(format === 'json' ? p.lastModifiyDate : p.lastModifyDate, DATE_RE);
  assert.deepEqual(Object.keys(p.vpcPeeringInstanceStatus), ['code', 'codeName']);
  assert.deepEqual(Object.keys(p.vpcPeeringInstanceOperation), ['code', 'codeName']);
  assert.equal(p.vpcPeeringDescription, 'a <b> & "c" \'d\'');
}

describe('every action answers in GET/POST x XML/JSON', () => {
  for (const [action, setup] of Object.entries(SCENARIOS)) {
    for (const method of ['GET', 'POST']) {
      test(`${action} ${method} json`, async () => {
        const { _account = alice, ...params } = await setup();
        const r = await callJson(emu, action, params, { method, account: _account });
        assert.equal(r.status, 200, r.text);
        assert.match(r.headers.get('content-type'), /^application\/json/);
        assert.deepEqual(Object.keys(r.json), [`${action}Response`]);
        assert.equal(r.text, JSON.stringify(r.json, null, 2), 'pretty-printed with 2 spaces, no trailing newline');
        const b = r.body;
        assert.deepEqual(Object.keys(b), ['requestId', 'returnCode', 'returnMessage', 'totalRows', 'vpcPeeringInstanceList']);
        assert.match(b.requestId, UUID_RE);
        assert.equal(b.returnCode, '0');
        assert.equal(b.returnMessage, 'success');
        assert.equal(b.totalRows, 1);
        assert.equal(b.vpcPeeringInstanceList.length, 1);
        const p = b.vpcPeeringInstanceList[0];
        checkInstance(p, 'json');
        assert.equal(typeof p.hasReverseVpcPeering, 'boolean');
        assert.equal(typeof p.isBetweenAccounts, 'boolean');
      });

      test(`${action} ${method} xml (default)`, async () => {
        const { _account = alice, ...params } = await setup();
        const r = await call(emu, action, params, { method, account: _account });
        assert.equal(r.status, 200, r.text);
        assert.match(r.headers.get('content-type'), /^application\/xml/);
        assert.ok(r.text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n'));
        assert.ok(r.text.includes('&lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;'), 'text escaped');
        const root = parseXml(r.text);
        assert.equal(root.name, `${action}Response`);
        const b = xmlToObject(root);
        assert.deepEqual(Object.keys(b), ['requestId', 'returnCode', 'returnMessage', 'totalRows', 'vpcPeeringInstanceList']);
        assert.match(b.requestId, UUID_RE);
        assert.equal(b.returnCode, '0');
        assert.equal(b.totalRows, '1');
        assert.equal(root.children.at(-1).children[0].name, 'vpcPeeringInstance');
        const p = b.vpcPeeringInstanceList[0];
        checkInstance(p, 'xml');
        assert.match(p.hasReverseVpcPeering, /^(true|false)$/);
        assert.match(p.isBetweenAccounts, /^(true|false)$/);
      });
    }
  }

  test('XML with an empty list (detail of an unknown peering)', async () => {
    const r = await call(emu, 'getVpcPeeringInstanceDetail', { vpcPeeringInstanceNo: '999' });
    assert.equal(r.status, 200);
    const b = xmlToObject(parseXml(r.text));
    assert.equal(b.totalRows, '0');
    assert.deepEqual(b.vpcPeeringInstanceList, []);
  });

  test('responseFormatType is case-insensitive; an unknown one is a service error in XML', async () => {
    const r = await call(emu, 'getVpcPeeringInstanceList', { responseFormatType: 'JSON' });
    assert.equal(r.status, 200);
    assert.ok(r.json.getVpcPeeringInstanceListResponse);
    const bad = await call(emu, 'getVpcPeeringInstanceList', { responseFormatType: 'yaml' });
    assert.equal(bad.status, 400);
    const e = xmlToObject(parseXml(bad.text));
    assert.equal(e.returnCode, 'EMU_INVALID_VALUE');
    assert.match(e.returnMessage, /responseFormatType/);
  });

  test('a path prefix before /vpc/v2 is allowed', async () => {
    const r = await callJson(emu, 'getVpcPeeringInstanceList', {}, { prefix: '/some/proxy/prefix' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.totalRows, 0);
  });

  test('POST: body and query merged, the body wins; + in the body is a space', async () => {
    const target = '/vpc/v2/createVpcPeeringInstance?responseFormatType=json&vpcPeeringName=from-query&vpcPeeringDescription=q';
    const { authHeaders } = await import('./_helpers.mjs');
    const res = await fetch(emu.url + target, {
      method: 'POST',
      headers: { ...authHeaders(alice, 'POST', target), 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' },
      body: 'sourceVpcNo=10001&targetVpcNo=10002&vpcPeeringName=from-body&vpcPeeringDescription=two+words%2B',
    });
    const j = await res.json();
    assert.equal(res.status, 200, JSON.stringify(j));
    const p = j.createVpcPeeringInstanceResponse.vpcPeeringInstanceList[0];
    assert.equal(p.vpcPeeringName, 'from-body');
    assert.equal(p.vpcPeeringDescription, 'two words+');
  });

  test('GET: + in the query stays a +', async () => {
    const p = await createSame();
    const r = await call(emu, 'setVpcPeeringDescription', {}, {});
    assert.equal(r.status, 400); // sanity: vpcPeeringInstanceNo required
    const target = `/vpc/v2/setVpcPeeringDescription?vpcPeeringInstanceNo=${p.vpcPeeringInstanceNo}&vpcPeeringDescription=a+b%20c&responseFormatType=json`;
    const { authHeaders } = await import('./_helpers.mjs');
    const res = await fetch(emu.url + target, { headers: authHeaders(alice, 'GET', target) });
    const j = await res.json();
    assert.equal(j.setVpcPeeringDescriptionResponse.vpcPeeringInstanceList[0].vpcPeeringDescription, 'a+b c');
  });

  test('UTF-8 values round-trip', async () => {
    const p = await createSame({ vpcPeeringDescription: '피어링 설명 ✓' });
    assert.equal(p.vpcPeeringDescription, '피어링 설명 ✓');
    const x = await call(emu, 'getVpcPeeringInstanceDetail', { vpcPeeringInstanceNo: p.vpcPeeringInstanceNo });
    assert.equal(xmlToObject(parseXml(x.text)).vpcPeeringInstanceList[0].vpcPeeringDescription, '피어링 설명 ✓');
  });

  test('generated names, increasing numbers, default region', async () => {
    const a = await createSame();
    const b = await createSame({}, {}).catch(() => null); // duplicate pair: rejected, see rules tests
    assert.equal(b, null);
    const c = (await callJson(emu, 'createVpcPeeringInstance', { sourceVpcNo: '10002', targetVpcNo: '10003' })).body.vpcPeeringInstanceList[0];
    assert.match(a.vpcPeeringName, /^[a-z][a-z0-9-]*[a-z0-9]$/);
    assert.ok(a.vpcPeeringName.length >= 3 && a.vpcPeeringName.length <= 30);
    assert.ok(Number(c.vpcPeeringInstanceNo) > Number(a.vpcPeeringInstanceNo));
    assert.equal(a.regionCode, 'KR');
  });
});

describe('same-account lifecycle', () => {
  test('create -> INIT -> RUN -> delete -> TERMTING -> gone', async () => {
    const DELAY = 60; // start() default for runDelayMs and deleteDelayMs
    let t0 = Date.now();
    const p = await createSame({ vpcPeeringName: 'web-to-app' });
    assert.equal(p.vpcPeeringInstanceStatus.code, 'INIT');
    assert.equal(p.vpcPeeringInstanceStatus.codeName, 'init');
    assert.equal(p.vpcPeeringInstanceStatusName, 'Creating');
    // As the API page's sample of a same-account peering just created: INIT, "Creating", operation NULL.
    assert.deepEqual(p.vpcPeeringInstanceOperation, { code: 'NULL', codeName: 'NULL OP' });
    assert.equal(p.isBetweenAccounts, false);
    assert.equal(p.sourceVpcName, 'alice-web');
    assert.equal(p.targetVpcName, 'alice-app');
    assert.equal(p.sourceVpcLoginId, alice.loginId);
    assert.equal(p.targetVpcLoginId, alice.loginId);
    const no = p.vpcPeeringInstanceNo;

    let d = await callJson(emu, 'getVpcPeeringInstanceDetail', { vpcPeeringInstanceNo: no });
    // only asserted when the answer certainly came before the transition (keeps the test honest on a slow machine)
    if (Date.now() - t0 < DELAY) assert.equal(d.body.vpcPeeringInstanceList[0].vpcPeeringInstanceStatus.code, 'INIT');
    await sleep(2 * DELAY);
    d = await callJson(emu, 'getVpcPeeringInstanceDetail', { vpcPeeringInstanceNo: no });
    const run = d.body.vpcPeeringInstanceList[0];
    assert.equal(run.vpcPeeringInstanceStatus.code, 'RUN');
    assert.equal(run.vpcPeeringInstanceStatus.codeName, 'run');
    assert.equal(run.vpcPeeringInstanceStatusName, 'Running');
    assert.deepEqual(run.vpcPeeringInstanceOperation, { code: 'NULL', codeName: 'NULL OP' });

    t0 = Date.now();
    const del = await callJson(emu, 'deleteVpcPeeringInstance', { vpcPeeringInstanceNo: no });
    assert.equal(del.status, 200, del.text);
    const t = del.body.vpcPeeringInstanceList[0];
    assert.equal(t.vpcPeeringInstanceStatus.code, 'TERMTING');
    assert.equal(t.vpcPeeringInstanceStatusName, 'Terminating');
    assert.deepEqual(t.vpcPeeringInstanceOperation, { code: 'NULL', codeName: 'NULL OP' });
    d = await callJson(emu, 'getVpcPeeringInstanceDetail', { vpcPeeringInstanceNo: no });
    if (Date.now() - t0 < DELAY) assert.equal(d.body.vpcPeeringInstanceList[0].vpcPeeringInstanceStatus.code, 'TERMTING');
    await sleep(2 * DELAY);
    d = await callJson(emu, 'getVpcPeeringInstanceDetail', { vpcPeeringInstanceNo: no });
    assert.equal(d.status, 200);
    assert.equal(d.body.totalRows, 0);
    assert.deepEqual(d.body.vpcPeeringInstanceList, []);
    const l = await callJson(emu, 'getVpcPeeringInstanceList');
    assert.equal(l.body.totalRows, 0);
    // gone: the same pair can be peered again
    await createSame();
  });

  test('lastModifiyDate (JSON) / lastModifyDate (XML) moves on every change', async () => {
    const emu2 = await start({ runDelayMs: 5000 });
    try {
      const c = await callJson(emu2, 'createVpcPeeringInstance', { sourceVpcNo: '10001', targetVpcNo: '10002' });
      const p = c.body.vpcPeeringInstanceList[0];
      assert.equal(p.createDate, p.lastModifiyDate);
      assert.equal(p.lastModifyDate, undefined, 'JSON spells the date as the SDKs read it');
      await sleep(1100 - (Date.now() % 1000) + 10); // cross a second boundary: dates have 1 s resolution
      const s = await callJson(emu2, 'setVpcPeeringDescription', { vpcPeeringInstanceNo: p.vpcPeeringInstanceNo, vpcPeeringDescription: 'x' });
      const q = s.body.vpcPeeringInstanceList[0];
      assert.equal(q.createDate, p.createDate);
      assert.notEqual(q.lastModifiyDate, p.lastModifiyDate);
      assert.equal(q.vpcPeeringDescription, 'x');
      const x = xmlToObject(parseXml((await call(emu2, 'getVpcPeeringInstanceDetail', { vpcPeeringInstanceNo: p.vpcPeeringInstanceNo })).text));
      assert.equal(x.vpcPeeringInstanceList[0].lastModifyDate, q.lastModifiyDate, 'XML spells it as the API page');
      assert.equal(x.vpcPeeringInstanceList[0].lastModifiyDate, undefined);
      const cleared = await callJson(emu2, 'setVpcPeeringDescription', { vpcPeeringInstanceNo: p.vpcPeeringInstanceNo });
      assert.equal(cleared.body.vpcPeeringInstanceList[0].vpcPeeringDescription, '');
    } finally {
      await emu2.close();
    }
  });

  test('reverse peering is reported on both sides', async () => {
    const a = await createSame();
    const r = await callJson(emu, 'createVpcPeeringInstance', { sourceVpcNo: '10002', targetVpcNo: '10001' });
    assert.equal(r.status, 200, r.text);
    const b = r.body.vpcPeeringInstanceList[0];
    assert.equal(b.hasReverseVpcPeering, true);
    assert.equal(b.reverseVpcPeeringInstanceNo, a.vpcPeeringInstanceNo);
    const d = await callJson(emu, 'getVpcPeeringInstanceDetail', { vpcPeeringInstanceNo: a.vpcPeeringInstanceNo });
    assert.equal(d.body.vpcPeeringInstanceList[0].reverseVpcPeeringInstanceNo, b.vpcPeeringInstanceNo);
    assert.equal(a.hasReverseVpcPeering, false);
    assert.equal(a.reverseVpcPeeringInstanceNo, '');
  });
});

describe('cross-account lifecycle', () => {
  test('create stays INIT awaiting acceptance; both accounts see it', async () => {
    const p = await createCross();
    assert.equal(p.isBetweenAccounts, true);
    assert.equal(p.vpcPeeringInstanceStatus.code, 'INIT');
    assert.equal(p.vpcPeeringInstanceStatusName, 'Awaiting acceptance');
    // No source says which operation code awaits acceptance: the emulator shows NULL, as for any INIT peering.
    assert.deepEqual(p.vpcPeeringInstanceOperation, { code: 'NULL', codeName: 'NULL OP' });
    assert.equal(p.targetVpcLoginId, bob.loginId);
    assert.equal(p.sourceVpcLoginId, alice.loginId);
    await sleep(150);
    for (const account of [alice, bob]) {
      const d = await callJson(emu, 'getVpcPeeringInstanceDetail', { vpcPeeringInstanceNo: p.vpcPeeringInstanceNo }, { account });
      assert.equal(d.body.vpcPeeringInstanceList[0].vpcPeeringInstanceStatus.code, 'INIT', account.name);
    }
  });

  test('accept by the wrong account fails; accept by the target -> RUN', async () => {
    const p = await createCross();
    const wrong = await callJson(emu, 'acceptOrRejectVpcPeering', { vpcPeeringInstanceNo: p.vpcPeeringInstanceNo, isAccept: 'true' }, { account: alice });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.error.returnCode, 'EMU_WRONG_ACCEPTOR');
    assert.match(wrong.error.returnMessage, /target account/);
    const ok = await callJson(emu, 'acceptOrRejectVpcPeering', { vpcPeeringInstanceNo: p.vpcPeeringInstanceNo, isAccept: 'true' }, { account: bob });
    assert.equal(ok.status, 200, ok.text);
    const q = ok.body.vpcPeeringInstanceList[0];
    assert.equal(q.vpcPeeringInstanceStatus.code, 'INIT');
    assert.equal(q.vpcPeeringInstanceOperation.code, 'NULL');
    const again = await callJson(emu, 'acceptOrRejectVpcPeering', { vpcPeeringInstanceNo: p.vpcPeeringInstanceNo, isAccept: 'true' }, { account: bob });
    assert.equal(again.error.returnCode, 'EMU_NOT_AWAITING_ACCEPTANCE');
    await sleep(120);
    const d = await callJson(emu, 'getVpcPeeringInstanceDetail', { vpcPeeringInstanceNo: p.vpcPeeringInstanceNo }, { account: bob });
    assert.equal(d.body.vpcPeeringInstanceList[0].vpcPeeringInstanceStatus.code, 'RUN');
    assert.equal(d.body.vpcPeeringInstanceList[0].vpcPeeringInstanceStatusName, 'Running');
  });

  test('reject -> TERMTING -> gone', async () => {
    const p = await createCross();
    const r = await callJson(emu, 'acceptOrRejectVpcPeering', { vpcPeeringInstanceNo: p.vpcPeeringInstanceNo, isAccept: 'false' }, { account: bob });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.vpcPeeringInstanceList[0].vpcPeeringInstanceStatus.code, 'TERMTING');
    await sleep(120);
    const d = await callJson(emu, 'getVpcPeeringInstanceDetail', { vpcPeeringInstanceNo: p.vpcPeeringInstanceNo });
    assert.equal(d.body.totalRows, 0);
  });

  test('the target account may delete a cross-account peering', async () => {
    const p = await createCross();
    const d = await callJson(emu, 'deleteVpcPeeringInstance', { vpcPeeringInstanceNo: p.vpcPeeringInstanceNo }, { account: bob });
    assert.equal(d.status, 200, d.text);
    assert.equal(d.body.vpcPeeringInstanceList[0].vpcPeeringInstanceStatus.code, 'TERMTING');
  });

  test('a same-account peering is invisible to the other account', async () => {
    const p = await createSame();
    const d = await callJson(emu, 'getVpcPeeringInstanceDetail', { vpcPeeringInstanceNo: p.vpcPeeringInstanceNo }, { account: bob });
    assert.equal(d.status, 200);
    assert.equal(d.body.totalRows, 0);
    const l = await callJson(emu, 'getVpcPeeringInstanceList', {}, { account: bob });
    assert.equal(l.body.totalRows, 0);
  });
});
