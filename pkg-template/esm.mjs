// The ES-module instance of the API: the glue of one wasm instance and the API over it (api.mjs), shared by
// browser.mjs, workerd.mjs and init.mjs; each instantiates the .wasm its own way through the default export.
import * as glue from './ncloud_vpc_wasm.js';
import { surface } from './api.mjs';

let ready = false;

/** Instantiating the .wasm (a default export, so that `export *` leaves it out). */
export default {
  /** Fetches (or takes) and instantiates the .wasm. */
  async init(source) {
    const exports = await glue.default(source);
    ready = true;
    return exports;
  },
  /** Instantiates from bytes or a compiled module, synchronously. */
  initSync(source) {
    const exports = glue.initSync(source);
    ready = true;
    return exports;
  },
};

// The wasm's `actions()` as it was when the package was built, written in by scripts/build.sh: the names must exist
// before the .wasm is instantiated, for `import { … }` to bind them (tests/node/surface.test.mjs compares the two).
const api = surface(glue, /* @actions */ [], () => ready);

// One named export per key of `api`, written in by scripts/build.sh (scripts/exports.mjs).
export const { /* @names */ } = api;
