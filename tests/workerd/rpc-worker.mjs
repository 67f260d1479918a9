// A Worker that runs one call of the package per request, so a Node test can drive a whole scenario while every
// call — validation, signing, fetch, parsing, waiting — happens inside workerd.
//   POST {"fn": "createVpcPeeringInstance", "opts": {...}, "abortAfterMs"?: n} → {"ok": true, "value"} | {"ok": false, "error"}
import * as api from 'ncloud-vpc-wasm';

export default {
  async fetch(request) {
    const { fn, opts, abortAfterMs } = await request.json();
    const polls = [];
    const options = { ...opts };
    if (abortAfterMs !== undefined) {
      const controller = new AbortController();
      setTimeout(() => controller.abort(new Error('aborted by the test')), abortAfterMs);
      options.signal = controller.signal;
    }
    if (fn === 'waitForVpcPeeringInstance') options.onPoll = (instance) => polls.push(instance.vpcPeeringInstanceStatus.code);
    try {
      return Response.json({ ok: true, value: await api[fn](options), polls });
    } catch (error) {
      const { name, message, code, field, status, returnCode, attempts, instance } = error;
      return Response.json({ ok: false, polls, error: { isError: error instanceof Error, name, message, code, field, status, returnCode, attempts, instance } });
    }
  },
};
