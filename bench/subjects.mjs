// The timed loops, runtime-agnostic: Node runs them in-process, the workerd Worker and the Chromium page run the
// same code. `makeSubjects` returns name -> async (n) => void, each running its body n times.
import { makeListAnswer, CREATE_OPTS, LIST_OPTS, TIMESTAMP } from './fixtures.mjs';

/**
 * @param ours   the package's exports (createVpcPeeringInstance, getVpcPeeringInstanceList, build…Request)
 * @param peers  { a?: peer-node.mjs, b?: peer-webcrypto.mjs }
 * @param sample the 2 KB sample answer text
 * @param extra  { createHmac? } for the Node-only signing subject
 */
export function makeSubjects({ ours, peers, sample, extra = {} }) {
  const list = makeListAnswer(sample, 100);
  // The canned fetch: a new Response per call, as a real fetch would give; its cost is measured alone below.
  const cannedSample = async () => new Response(sample);
  const cannedList = async () => new Response(list);
  const create = { ...CREATE_OPTS, fetch: cannedSample };
  const listing = { ...LIST_OPTS, fetch: cannedList };
  const oursNoBudget = { ...create, timeoutMs: 0 };
  const dry = { ...CREATE_OPTS, timestamp: TIMESTAMP };
  const stringToSign = `GET /vpc/v2/createVpcPeeringInstance?regionCode=KR&sourceVpcNo=1205&targetVpcNo=1206&vpcPeeringName=test-peer&vpcPeeringDescription=web%20tier%20to%20app%20tier&responseFormatType=xml\n${TIMESTAMP}\n${CREATE_OPTS.accessKey}`;
  let sink;
  const s = {
    empty: async (n) => { for (let i = 0; i < n; i++) sink = i; },
    'canned-sample': async (n) => { for (let i = 0; i < n; i++) sink = await (await cannedSample()).text(); },
    'canned-list': async (n) => { for (let i = 0; i < n; i++) sink = await (await cannedList()).text(); },
    // What ours reads instead of text(): the bytes, with no UTF-8 decoding into a JS string.
    'canned-sample-bytes': async (n) => { for (let i = 0; i < n; i++) sink = await (await cannedSample()).arrayBuffer(); },
    'canned-list-bytes': async (n) => { for (let i = 0; i < n; i++) sink = await (await cannedList()).arrayBuffer(); },
    'ours-sample': async (n) => { for (let i = 0; i < n; i++) sink = await ours.createVpcPeeringInstance(create); },
    'ours-sample-nobudget': async (n) => { for (let i = 0; i < n; i++) sink = await ours.createVpcPeeringInstance(oursNoBudget); },
    'ours-list': async (n) => { for (let i = 0; i < n; i++) sink = await ours.getVpcPeeringInstanceList(listing); },
    'ours-build': async (n) => { for (let i = 0; i < n; i++) sink = ours.buildCreateVpcPeeringInstanceRequest(dry); },
  };
  for (const [tag, peer] of Object.entries(peers)) {
    s[`${tag}-sample`] = async (n) => { for (let i = 0; i < n; i++) sink = await peer.createVpcPeeringInstance(create); };
    s[`${tag}-list`] = async (n) => { for (let i = 0; i < n; i++) sink = await peer.getVpcPeeringInstanceList(listing); };
    s[`${tag}-build`] = async (n) => { for (let i = 0; i < n; i++) sink = await peer.buildCreateVpcPeeringInstanceRequest(dry); };
  }
  if (peers.b) s['hmac-subtle'] = async (n) => { for (let i = 0; i < n; i++) sink = await peers.b.sign(CREATE_OPTS.secretKey, stringToSign); };
  if (extra.createHmac) {
    const { createHmac } = extra;
    s['hmac-node'] = async (n) => {
      for (let i = 0; i < n; i++) sink = createHmac('sha256', CREATE_OPTS.secretKey).update(stringToSign).digest('base64');
    };
  }
  return s;
}

/** Untimed: what each subject's call returns for both answers, to check the peers do the same work as ours. */
export async function results({ ours, peers, sample }) {
  const list = makeListAnswer(sample, 100);
  const seen = [];
  const capture = (body) => async (url, init) => { seen.push({ url, headers: init.headers }); return new Response(body); };
  const out = {};
  for (const [tag, impl] of [['ours', ours], ...Object.entries(peers)]) {
    seen.length = 0;
    out[tag] = {
      sample: await impl.createVpcPeeringInstance({ ...CREATE_OPTS, timestamp: TIMESTAMP, fetch: capture(sample) }),
      list: await impl.getVpcPeeringInstanceList({ ...LIST_OPTS, timestamp: TIMESTAMP, fetch: capture(list) }),
      requests: [...seen],
      build: await impl.buildCreateVpcPeeringInstanceRequest({ ...CREATE_OPTS, timestamp: TIMESTAMP }),
    };
  }
  return out;
}
