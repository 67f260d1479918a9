// The last step of scripts/build.sh: writes the wasm's `actions()` and the names of the exports api.mjs makes from it
// (the keys of `surface(glue, actions())`) into pkg/esm.mjs and pkg/node.mjs, at their `@actions` and `@names` marks.
// An ES module's names are bound before it runs, so they must be written in the file; writing them from the built
// wasm makes a new action of the Rust table a new export of every entry, with nothing added by hand.
// Usage: node scripts/exports.mjs [pkg-dir]
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = resolve(process.argv[2] ?? 'pkg');
const glue = createRequire(import.meta.url)(join(dir, 'ncloud_vpc_wasm.cjs'));
glue.initSync({ module: readFileSync(join(dir, 'ncloud_vpc_wasm_bg.wasm')) });
const actions = glue.actions();
const { surface } = await import(pathToFileURL(join(dir, 'api.mjs')).href);
const names = Object.keys(surface(glue, actions));

/** Replaces `mark` in pkg/`file` (which must hold it once) with `text`. */
function fill(file, mark, text) {
  const path = join(dir, file);
  const source = readFileSync(path, 'utf8');
  if (source.split(mark).length !== 2) throw new Error(`${path}: expected the mark ${mark} once`);
  writeFileSync(path, source.replace(mark, () => text));
}

const list = `{\n${names.map((name) => `  ${name},\n`).join('')}}`;
// The rows without their params: api.mjs needs only name, readOnly and plan (the params are there for the tests and
// the console, which ask the wasm's actions()).
const rows = actions.map(({ name, readOnly, plan }) => ({ name, readOnly, plan }));
fill('esm.mjs', '/* @actions */ []', `[\n${rows.map((row) => `  ${JSON.stringify(row)},\n`).join('')}]`);
fill('esm.mjs', '{ /* @names */ }', list);
fill('node.mjs', '{ /* @names */ }', list);
console.log(`pkg/: ${names.length} named exports for ${actions.length} actions and plans`);
