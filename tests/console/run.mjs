#!/usr/bin/env node
// `make test-console`: the forwarder's unit tests, the page's static checks and its pure modules, the demo stack in
// workerd and Node, and the console driven in Chromium. Exits non-zero on any failure. (`make screenshots` makes the
// pictures in docs/screenshots/.)
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const FILES = ['forward.test.mjs', 'site.test.mjs', 'words.test.mjs', 'demo.test.mjs', 'browser.test.mjs', 'peerings.test.mjs', 'access.test.mjs', 'connect.test.mjs', 'tables.test.mjs'].map((f) =>
  path.join(HERE, f),
);

const child = spawn(process.execPath, ['--test', '--test-concurrency=1', ...FILES], { cwd: ROOT, stdio: 'inherit' });
child.on('exit', (code, signal) => {
  if (signal) process.kill(process.pid, signal);
  process.exit(code ?? 1);
});
