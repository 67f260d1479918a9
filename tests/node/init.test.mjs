// The `ncloud-vpc-wasm/init` entry from Node: every export refuses to run before init with ERR_NOT_INITIALIZED
// (not the glue's TypeError), then works once the host instantiates the .wasm it placed itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as api from 'ncloud-vpc-wasm/init';

const opts = { accessKey: 'AKIDEXAMPLE0000000', secretKey: 'SECRETEXAMPLE000000000000000000000000000', sourceVpcNo: '1234', targetVpcNo: '5678', timestamp: 1700000000000 };

test('before init: a clear ERR_NOT_INITIALIZED, thrown or rejected', async () => {
  assert.throws(() => api.buildCreateVpcPeeringInstanceRequest(opts), (e) => e.code === 'ERR_NOT_INITIALIZED' && e.name === 'NcloudVpcError' && /init\(\)/.test(e.message));
  assert.throws(() => api.createClient(opts), (e) => e.code === 'ERR_NOT_INITIALIZED');
  await assert.rejects(api.createVpcPeeringInstance(opts), (e) => e.code === 'ERR_NOT_INITIALIZED' && e.attempts === 0);
});

test('after initSync with the package\'s own .wasm: the API works', () => {
  const wasmPath = createRequire(import.meta.url).resolve('ncloud-vpc-wasm/ncloud_vpc_wasm_bg.wasm');
  api.initSync({ module: readFileSync(wasmPath) });
  const dry = api.buildCreateVpcPeeringInstanceRequest({ ...opts, regionCode: 'KR', vpcPeeringName: 'test-peer', responseFormatType: 'json' });
  assert.equal(dry.headers['x-ncp-apigw-signature-v2'], '4BrmPXS0msLgWTN/Y7BctBBNcyoqg+lrw0nk3YWr9uc=');
  assert.deepEqual(api.validateOptions('createVpcPeeringInstance', { ...opts, vpcPeeringName: 'x' }).map((p) => p.field), ['vpcPeeringName']);
});
