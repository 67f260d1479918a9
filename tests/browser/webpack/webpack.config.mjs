// The webpack 5 config of tests/browser. Nothing in it is specific to ncloud-vpc-wasm: webpack resolves the
// `browser` condition to browser.mjs, emits the .wasm as an asset from `new URL('./…wasm', import.meta.url)`, and
// supports top-level await in ES module output.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

export default {
  mode: 'production',
  entry: path.join(here, '../app/main.mjs'),
  output: { path: path.join(here, 'dist'), filename: 'main.js', clean: true },
};
