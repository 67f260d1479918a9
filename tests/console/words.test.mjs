// The console's pure modules in Node: which side of a peering the keys are on (www/public/side.js), the
// validator's messages and a connection's steps in the page's words (www/public/words.js), checked against the
// package's own validator and plan, the route tables chosen for a connection, and the overlap of two address blocks (www/public/cidr.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sideOf, otherAccount, vpcNosProvenBy } from '../../www/public/side.js';
import { inPageWords, fieldLabel, FIELD_LABELS, stepNote, STEP_ACTIONS, STEP_STATUSES, noTableChecked } from '../../www/public/words.js';
import { cidrRange, cidrsOverlap } from '../../www/public/cidr.js';
import * as api from '../../pkg/node.mjs';

const cross = { isBetweenAccounts: true, sourceVpcNo: '10001', targetVpcNo: '20002', sourceVpcLoginId: 'alice@example.com', targetVpcLoginId: 'bob@example.com' };

test('sideOf: same account whatever is known; outgoing, incoming or unknown across accounts by the VPCs known', () => {
  assert.equal(sideOf({ ...cross, isBetweenAccounts: false }, new Set()), 'same-account');
  assert.equal(sideOf(cross, new Set(['10001'])), 'outgoing');
  assert.equal(sideOf(cross, new Set(['20002'])), 'incoming');
  assert.equal(sideOf(cross, new Set(['10002', '20001'])), 'unknown');
  assert.equal(sideOf(cross, new Set()), 'unknown');
  // Numbers compare as text, whichever type the answer used.
  assert.equal(sideOf({ ...cross, sourceVpcNo: 10001 }, new Set(['10001'])), 'outgoing');
});

test('otherAccount names the other side; vpcNosProvenBy takes both VPCs of same-account peerings only', () => {
  assert.equal(otherAccount(cross, 'outgoing'), 'bob@example.com');
  assert.equal(otherAccount(cross, 'incoming'), 'alice@example.com');
  assert.equal(otherAccount(cross, 'unknown'), '');
  assert.equal(otherAccount(cross, 'same-account'), '');
  const same = { isBetweenAccounts: false, sourceVpcNo: '10001', targetVpcNo: '10002' };
  assert.deepEqual(vpcNosProvenBy([same, cross]), ['10001', '10002']);
});

test('every message of the validator for a create reads with labels, starts with a capital, keeps what was typed', () => {
  const problems = api.validateOptions('createVpcPeeringInstance', {
    accessKey: 'a b',
    regionCode: 'K R',
    targetVpcNo: 'x',
    vpcPeeringName: 'sourceVpcNo',
    targetVpcName: 'n',
    vpcPeeringDescription: 'é'.repeat(501),
  });
  assert.ok(problems.length >= 6, 'the validator found the problems');
  const names = new RegExp(`\\b(${Object.keys(FIELD_LABELS).join('|')})\\b`);
  for (const p of problems) {
    const said = inPageWords(p.message);
    const [words] = said.split(': got ');
    assert.doesNotMatch(words, names, `${p.message} → ${said}`);
    assert.match(said, /^[A-Z]/, said);
  }
  const text = problems.map((p) => inPageWords(p.message));
  assert.ok(text.includes('Source VPC is required'));
  assert.ok(text.includes('Secret key is required'));
  assert.ok(text.includes('Target owner’s login ID is required with target VPC name: a cross-account peering needs both'));
  // What the user typed stays as typed, even when it looks like an option's name.
  assert.ok(text.some((t) => t.startsWith('Peering name ') && t.endsWith('got "sourceVpcNo"')), text.join('\n'));
});

test('fieldLabel: the label, capitalized; an unknown name stays as it is', () => {
  assert.equal(fieldLabel('vpcPeeringDescription'), 'Description');
  assert.equal(fieldLabel('targetVpcLoginId'), 'Target owner’s login ID');
  assert.equal(fieldLabel('somethingNew'), 'SomethingNew');
});

test('cidrsOverlap: blocks sharing an address overlap, touching ones do not; an unreadable block is neither', () => {
  assert.deepEqual(cidrRange('10.0.0.0/16'), { first: 0x0a000000, last: 0x0a00ffff });
  assert.deepEqual(cidrRange('10.0.128.7/20'), { first: 0x0a008000, last: 0x0a008fff }, 'host bits ignored, as a block means');
  assert.deepEqual(cidrRange('255.255.255.255/32'), { first: 0xffffffff, last: 0xffffffff });
  assert.deepEqual(cidrRange('0.0.0.0/0'), { first: 0, last: 0xffffffff });
  assert.equal(cidrsOverlap('10.0.0.0/16', '10.0.128.0/20'), true, 'alice-web and alice-legacy');
  assert.equal(cidrsOverlap('10.0.128.0/20', '10.0.0.0/16'), true);
  assert.equal(cidrsOverlap('10.0.0.0/16', '10.0.0.0/16'), true, 'alice-web and bob-db');
  assert.equal(cidrsOverlap('10.0.0.0/16', '10.1.0.0/16'), false, 'adjacent blocks');
  assert.equal(cidrsOverlap('10.0.0.0/8', '172.16.0.0/16'), false);
  assert.equal(cidrsOverlap('192.168.10.0/24', '192.168.10.255/32'), true, 'the last address');
  for (const bad of ['', undefined, '10.0.0.0', '10.0.0.256/16', '10.0.0.0/33', '10.0.0/16', ' 10.0.0.0/16x', 'fd00::/8']) {
    assert.equal(cidrRange(bad), null, String(bad));
    assert.equal(cidrsOverlap(bad, '10.0.0.0/16'), null, String(bad));
  }
});

test('a connection\'s steps in the page\'s words: each action and status named, no advice meant for the library\'s callers', async () => {
  // The package's own plan, for a cross-account pair without the other keys: every kind of note it writes.
  const { startEmulator } = await import('../../emulator/server.js');
  const emulator = await startEmulator({ port: 0 });
  try {
    const [a] = emulator.accounts;
    const keys = { accessKey: a.accessKey, secretKey: a.secretKey, endpoint: emulator.url };
    const plans = [
      await api.connectVpcs({ ...keys, sourceVpcNo: '10001', targetVpcNo: '20002', targetVpcName: 'bob-api', targetVpcLoginId: 'bob@example.com', dryRun: true }),
      await api.connectVpcs({ ...keys, sourceVpcNo: '10001', targetVpcNo: '10002', dryRun: true }),
      await api.disconnectVpcs({ ...keys, sourceVpcNo: '10001', targetVpcNo: '10002', dryRun: true }),
    ];
    const steps = plans.flatMap((p) => p.steps);
    assert.ok(steps.some((s) => s.status === 'awaiting') && steps.some((s) => /connectVpcs|targetAccessKey/.test(s.note)), 'the plan gives the library\'s advice');
    for (const step of steps) {
      assert.ok(STEP_ACTIONS[step.action], `a name for ${step.action}`);
      assert.ok(STEP_STATUSES[step.status], `a name for ${step.status}`);
      const said = stepNote(step.note);
      assert.doesNotMatch(said, /connectVpcs|disconnectVpcs|targetAccessKey|targetSecretKey|sourceVpcNo|targetVpcNo/, `${step.note} → ${said}`);
      assert.match(said, /^[A-Z]/, said);
    }
  } finally {
    await emulator.close();
  }
});

test('the route tables chosen for a connection, in the page\'s words: the refusal of none, and the package\'s refusal of a table not the VPC\'s', async () => {
  assert.equal(noTableChecked('sourceRouteTableNoList'), 'Check at least one of the source VPC’s route tables: the route goes only into the tables checked');
  assert.equal(noTableChecked('targetRouteTableNoList'), 'Check at least one of the target VPC’s route tables: the route goes only into the tables checked');
  const { startEmulator } = await import('../../emulator/server.js');
  const emulator = await startEmulator({ port: 0 });
  try {
    const [a] = emulator.accounts;
    const keys = { accessKey: a.accessKey, secretKey: a.secretKey, endpoint: emulator.url };
    // 30003 is alice-app's table, not alice-web's: the plan refuses it, naming the option the page labels.
    const err = await api.connectVpcs({ ...keys, sourceVpcNo: '10001', targetVpcNo: '10002', sourceRouteTableNoList: ['30003'], dryRun: true }).catch((e) => e);
    assert.equal(err.code, 'ERR_INVALID_OPTION');
    assert.equal(err.field, 'sourceRouteTableNoList');
    assert.equal(inPageWords(err.message), 'Source VPC’s route tables: route table 30003 is not a route table of VPC 10001');
  } finally {
    await emulator.close();
  }
});
