// The Worker the bench runs inside workerd (bundled by run.mjs with esbuild, conditions workerd/worker/browser; the
// .wasm stays external and is given to workerd as a `wasm` module). GET /run?s=<subject>&n=<count> runs a loop and
// answers when done; workerd's clocks do not advance during execution, so run.mjs times the request from outside.
// GET /results answers, untimed, what ours and peer (b) return, for the deep-equality check.
import * as ours from 'ncloud-vpc-wasm';
import * as b from './peer-webcrypto.mjs';
import sample from '../tests/fixtures/create-sample.xml';
import { makeSubjects, results } from './subjects.mjs';

const subjects = makeSubjects({ ours, peers: { b }, sample });

export default {
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === '/results') return Response.json(await results({ ours, peers: { b }, sample }));
    const subject = subjects[url.searchParams.get('s')];
    if (!subject) return new Response('unknown subject', { status: 404 });
    await subject(Number(url.searchParams.get('n')));
    return new Response('ok');
  },
};
