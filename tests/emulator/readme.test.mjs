// Runs the JavaScript example of emulator/README.md, so the documentation cannot drift from the code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';

const root = fileURLToPath(new URL('../../', import.meta.url));

test('the README example runs and prints what it says', () => {
  const readme = readFileSync(join(root, 'emulator/README.md'), 'utf8');
  const match = /```js\n(import \{ startEmulator \}[\s\S]*?)```/.exec(readme);
  assert.ok(match, 'README has the example');
  const code = match[1].replace(/'\.\/emulator\/([a-z]+\.js)'/g, (_, f) => `'${pathToFileURL(join(root, 'emulator', f)).href}'`);
  const dir = mkdtempSync(join(tmpdir(), 'emu-readme-'));
  try {
    const file = join(dir, 'example.mjs');
    writeFileSync(file, code);
    const run = spawnSync(process.execPath, [file], { encoding: 'utf8', timeout: 20_000 });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(run.stdout.trim().split('\n'), ['INIT', '<redacted>']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the CLI starts, prints the accounts and stops on SIGTERM', async () => {
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [join(root, 'emulator/cli.js'), '--port', '0', '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const url = await new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m && out.includes('Press Ctrl+C')) resolve(m[1]);
    });
    child.on('exit', () => reject(new Error(`exited early: ${out}`)));
  });
  for (const s of ['alice@example.com', 'NCPDEMOALICE0000KEY1', 'bob@example.com', 'NCPDEMOBOB000000KEY2', '10.0.128.0/20', 'alice-legacy, bob-db']) {
    assert.ok(out.includes(s), s);
  }
  const res = await fetch(`${url}/__emulator/state`);
  assert.equal(res.status, 200);
  const code = await new Promise((resolve) => {
    child.on('exit', (c) => resolve(c));
    child.kill('SIGTERM');
  });
  assert.equal(code, 0);
});
