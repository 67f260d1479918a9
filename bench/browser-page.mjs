// The Chromium page's script (bundled by run.mjs with esbuild: peer (b) and fast-xml-parser inside; the package
// left external and loaded from its browser.mjs through the page's import map).
import * as ours from 'ncloud-vpc-wasm';
import * as b from './peer-webcrypto.mjs';
import sample from '../tests/fixtures/create-sample.xml';
import { makeSubjects, results } from './subjects.mjs';

const subjects = makeSubjects({ ours, peers: { b }, sample });
window.__bench = {
  async time(s, n) {
    const t0 = performance.now();
    await subjects[s](n);
    return performance.now() - t0;
  },
  results: () => results({ ours, peers: { b }, sample }),
  isolated: globalThis.crossOriginIsolated === true,
};
window.__ready = true;
