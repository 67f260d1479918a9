// The console's pure modules in Node: which side of a peering the keys are on (www/public/side.js), and the
// validator's messages in the page's words (www/public/words.js), checked against the package's own validator.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sideOf, otherAccount, vpcNosProvenBy } from '../../www/public/side.js';
import { inPageWords, fieldLabel, FIELD_LABELS } from '../../www/public/words.js';
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
