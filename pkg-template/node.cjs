// Node (CommonJS, and ESM through node.mjs): one synchronous instance, so `require` works and there is no
// top-level await. ESM and CJS users share this instance.
'use strict';
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
require('./ncloud_vpc_wasm.cjs').initSync({ module: readFileSync(join(__dirname, 'ncloud_vpc_wasm_bg.wasm')) });
module.exports = require('./ncloud_vpc_wasm.cjs');
