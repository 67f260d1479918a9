// The ES-module build a browser downloads (issue 16): browser.mjs, esm.mjs and the .wasm, nothing else. esm.mjs is
// the API layer, the wasm-bindgen glue and its helpers (host.js, objects.js) bundled and minified by
// scripts/build.sh; minifying must not rename what a user can see.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const dir = path.dirname(require.resolve('ncloud-vpc-wasm'));
const importsOf = (file) =>
  [...readFileSync(path.join(dir, file), 'utf8').matchAll(/\b(?:from|import)\s*["']([^"']+)["']/g)].map((m) => m[1]);

test('a browser loads browser.mjs, esm.mjs and the .wasm only: esm.mjs imports nothing', () => {
  assert.deepEqual(importsOf('browser.mjs'), ['./esm.mjs', './esm.mjs']);
  assert.deepEqual(importsOf('esm.mjs'), []);
  // workerd.mjs and init.mjs share esm.mjs; the ES-module glue and its snippets are in it, not beside it.
  assert.deepEqual(importsOf('workerd.mjs'), ['./ncloud_vpc_wasm_bg.wasm', './esm.mjs', './esm.mjs']);
  assert.deepEqual(importsOf('init.mjs'), ['./esm.mjs', './esm.mjs']);
  assert.ok(!existsSync(path.join(dir, 'ncloud_vpc_wasm.js')), 'no unbundled ES-module glue');
  assert.ok(!existsSync(path.join(dir, 'snippets')), 'no snippets/');
  // Minified, with its source map beside it.
  assert.match(readFileSync(path.join(dir, 'esm.mjs'), 'utf8'), /\/\/# sourceMappingURL=esm\.mjs\.map\s*$/);
  const map = JSON.parse(readFileSync(path.join(dir, 'esm.mjs.map'), 'utf8'));
  for (const source of ['api.mjs', 'host.js', 'objects.js', 'ncloud_vpc_wasm.js']) {
    assert.ok(map.sources.some((s) => s.endsWith(source)), `${source} in the source map: ${map.sources}`);
  }
  assert.equal(map.sources.length, map.sourcesContent.length);
});

test('the minified esm.mjs keeps the names a user sees: each export, Client and its methods', async () => {
  const esm = await import(pathToFileURL(path.join(dir, 'esm.mjs')).href);
  const wasm = readFileSync(path.join(dir, 'ncloud_vpc_wasm_bg.wasm'));
  esm.default.initSync({ module: wasm });
  for (const [name, value] of Object.entries(esm)) {
    if (name !== 'default') assert.equal(value.name, name);
  }
  assert.equal(esm.Client.name, 'Client');
  for (const name of Object.getOwnPropertyNames(esm.Client.prototype).filter((n) => n !== 'constructor')) {
    assert.equal(esm.Client.prototype[name].name, name);
  }
  // And it works: a dry run, and a call through the bundled glue and host.js.
  const request = esm.buildCreateVpcPeeringInstanceRequest({
    accessKey: 'AKIDEXAMPLE0000000', secretKey: 'SECRETEXAMPLE000000000000000000000000000', regionCode: 'KR',
    sourceVpcNo: '1205', targetVpcNo: '1206', responseFormatType: 'xml', timestamp: 1700000000000,
  });
  assert.match(request.url, /^https:\/\/ncloud\.apigw\.ntruss\.com\/vpc\/v2\/createVpcPeeringInstance\?regionCode=KR&/);
  const err = await esm.getVpcPeeringInstanceList({
    accessKey: 'AKIDEXAMPLE0000000', secretKey: 'SECRETEXAMPLE000000000000000000000000000',
    fetch: async () => new Response('<getVpcPeeringInstanceListResponse><returnCode>0</returnCode></getVpcPeeringInstanceListResponse>'),
  }).then(() => null, (e) => e);
  assert.equal(err, null, String(err));
});
