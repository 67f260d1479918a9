// Node (CommonJS, and ESM through node.mjs): one synchronous instance, so `require` works and there is no
// top-level await. ESM and CJS users share this instance. The API is made from the wasm's own `actions()`.
'use strict';
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const glue = require('./ncloud_vpc_wasm.cjs');
glue.initSync({ module: readFileSync(join(__dirname, 'ncloud_vpc_wasm_bg.wasm')) });
module.exports = require('./api.cjs').surface(glue, glue.actions());
