// Runs every ```js block of README.md against the emulator, in a child Node process resolving the installed
// package by name. Blocks that talk to the public gateway have their host swapped for the emulator's by a fetch
// wrapper: the host is not part of the signature, so the signed request is otherwise untouched.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, rmSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { emulator, alice } from './_setup.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const blocks = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);

let emu;
before(async () => { emu = await emulator(); });
after(() => emu.close());

function preamble() {
  return `
const realFetch = globalThis.fetch;
globalThis.fetch = (url, init) => realFetch(String(url).replace('https://ncloud.apigw.ntruss.com', ${JSON.stringify(emu.url)}), init);
const accessKey = process.env.NCLOUD_ACCESS_KEY, secretKey = process.env.NCLOUD_SECRET_KEY;
const opts = { accessKey, secretKey, endpoint: process.env.NCLOUD_API_GW, sourceVpcNo: '10001', targetVpcNo: '10002' };
`;
}

test('README has the examples this test expects', () => {
  assert.ok(blocks.length >= 3, `found ${blocks.length} js blocks`);
  assert.match(readme, /<!-- example: node/);
});

blocks.forEach((code, index) => {
  test(`README js block ${index + 1} runs`, async () => {
    emu.reset();
    const file = `${here}.readme-example-${index}.mjs`;
    writeFileSync(file, preamble() + code);
    try {
      // Asynchronous: the emulator answers from this very process.
      const { stdout: out } = await promisify(execFile)(process.execPath, [file], {
        cwd: here,
        env: { ...process.env, NCLOUD_ACCESS_KEY: alice.accessKey, NCLOUD_SECRET_KEY: alice.secretKey, NCLOUD_API_GW: emu.url },
        encoding: 'utf8',
        timeout: 60_000,
      });
      assert.ok(emu.requests.length >= 1, 'the example reached the emulator');
      assert.ok(emu.requests.every((r) => r.signatureValid), 'every request was signed correctly');
      if (index === 0) assert.match(out, /^\d+ INIT\n$/);
      if (code.includes('ncp.addRoute(')) {
        // The routes example prints what its comment says, and sends what the README's dry-run line shows.
        assert.equal(out, `${code.match(/\/\/ (10\.1\.0\.0\/16 → LOCAL, .*)\n/)[1]}\n`);
        const shown = readme.match(/`buildAddRouteRequest` shows what is sent: `…(\/addRoute\?[^`]+)`/)[1];
        const pattern = new RegExp(`^/vpc/v2${shown.replace(/[.?+^$()[\]{}|\\]/g, '\\$&').replaceAll('…', '[^&]+')}$`);
        const added = emu.requests.filter((r) => r.action === 'addRoute');
        assert.deepEqual(added.map((r) => r.params.routeTableNo), ['30003', '30004'], 'a route in each of the VPC\'s tables');
        assert.match(added[0].rawTarget, pattern);
      }
    } finally {
      rmSync(file, { force: true });
    }
  });
});

// Blocks marked `<!-- excerpt: FILE -->` quote an example project that tests/examples runs: each of their lines must
// appear in that file, in order, so the README cannot drift from code that is executed.
const excerpts = [...readme.matchAll(/<!-- excerpt: (\S+)[^>]*-->\n```\w+\n([\s\S]*?)```/g)];

test('README has excerpts of the Worker and browser examples', () => {
  const files = excerpts.map((m) => m[1]);
  assert.ok(files.includes('examples/worker/src/index.js'));
  assert.ok(files.includes('examples/browser/index.html'));
});

for (const [, file, code] of excerpts) {
  test(`README excerpt of ${file} matches the file`, () => {
    const source = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8').split('\n');
    let at = 0;
    for (const line of code.split('\n').filter((l) => l.trim() !== '')) {
      const found = source.indexOf(line, at);
      assert.notEqual(found, -1, `${file} lacks, in order: ${line}`);
      at = found + 1;
    }
  });
}
