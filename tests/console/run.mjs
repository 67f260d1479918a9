#!/usr/bin/env node
// `make test-console`: the forwarder's unit tests, the page's static checks, the demo stack in workerd and Node,
// and the console driven in Chromium. Exits non-zero on any failure.
//   node tests/console/run.mjs [--screenshot [path]]   (default path docs/console.png)
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const FILES = ['forward.test.mjs', 'site.test.mjs', 'demo.test.mjs', 'browser.test.mjs'].map((f) => path.join(HERE, f));

const env = { ...process.env };
const at = process.argv.indexOf('--screenshot');
if (at >= 0) {
  const given = process.argv[at + 1];
  env.CONSOLE_SCREENSHOT = path.resolve(ROOT, given && !given.startsWith('--') ? given : 'docs/console.png');
}

const child = spawn(process.execPath, ['--test', '--test-concurrency=1', ...FILES], { cwd: ROOT, env, stdio: 'inherit' });
child.on('exit', (code, signal) => {
  if (signal) process.kill(process.pid, signal);
  process.exit(code ?? 1);
});
