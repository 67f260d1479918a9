// The wasm's memory for one answer, whatever its shape (issue 11 #2): for every shape of answer-shapes.mjs, XML and
// JSON, at the default size limit (4 MiB: the host refuses a larger body before it reaches the wasm), the instance's
// linear memory grows by at most MAX_GROWTH times the answer's size. Before round two a 4.8 MB JSON answer grew it 62
// times (miniserde's Value tree, then the whole result again), and wasm memory never shrinks.
// Each answer is parsed by a fresh instance in a child process (memory-child.mjs). MEMORY_PRINT_TABLE=1 prints the
// figures for docs/security.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { SHAPES, LIMIT } from './answer-shapes.mjs';

/** The bound the README states: the wasm's memory grows by at most this many times the answer's size. */
const MAX_GROWTH = 6;
const child = fileURLToPath(new URL('./memory-child.mjs', import.meta.url));

async function measure(shape, format, bytes) {
  const { stdout } = await promisify(execFile)(process.execPath, [child, shape, format, String(bytes)], { maxBuffer: 1 << 20 });
  const result = JSON.parse(stdout);
  return { ...result, growth: (result.after - result.before) / result.bytes };
}

test(`every shape of answer, XML and JSON, at ${LIMIT} bytes grows the wasm's memory by at most ${MAX_GROWTH}x its size`, { timeout: 300_000 }, async () => {
  const rows = [];
  const problems = [];
  for (const [shape, { code }] of Object.entries(SHAPES)) {
    for (const format of ['xml', 'json']) {
      const r = await measure(shape, format, LIMIT);
      rows.push(`| ${shape} | ${format.toUpperCase()} | ${r.bytes.toLocaleString('en')} | ${r.code ?? 'resolved'} | ${r.growth.toFixed(2)}x |`);
      if (r.code !== code) problems.push(`${shape} (${format}): ${r.code ?? 'resolved'}, expected ${code ?? 'resolved'} (${r.message})`);
      if (r.growth > MAX_GROWTH) problems.push(`${shape} (${format}): grew ${r.growth.toFixed(2)}x`);
      assert.ok(r.bytes >= LIMIT * 0.95 && r.bytes <= LIMIT, `${shape} (${format}) is ${r.bytes} bytes`);
    }
  }
  if (process.env.MEMORY_PRINT_TABLE) console.log(['| shape | format | bytes | outcome | growth |', '|---|---|---|---|---|', ...rows].join('\n'));
  assert.deepEqual(problems, []);
});
