// The objects the package hands to JS that take their last shape here: results, whose instances Rust sends with
// their non-empty fields only (src/model.rs: the JSON then never outgrows the answer it came from, so neither does
// the wasm's memory), and the Client, guarded against use after free().

/** Every field of an instance, in the model's order, with its value when the answer left it empty or out. */
const EMPTY = {
  vpcPeeringInstanceNo: '',
  vpcPeeringName: '',
  regionCode: '',
  createDate: '',
  lastModifyDate: '',
  vpcPeeringInstanceStatus: undefined,
  vpcPeeringInstanceStatusName: '',
  vpcPeeringInstanceOperation: undefined,
  sourceVpcNo: '',
  sourceVpcName: '',
  sourceVpcIpv4CidrBlock: '',
  sourceVpcLoginId: '',
  targetVpcNo: '',
  targetVpcName: '',
  targetVpcIpv4CidrBlock: '',
  targetVpcLoginId: '',
  vpcPeeringDescription: '',
  hasReverseVpcPeering: false,
  isBetweenAccounts: false,
  reverseVpcPeeringInstanceNo: '',
};

/** The instance with every field, each `{code, codeName}` pair a fresh object. */
function filled(instance) {
  const out = { ...EMPTY, ...instance };
  out.vpcPeeringInstanceStatus = { code: '', codeName: '', ...instance.vpcPeeringInstanceStatus };
  out.vpcPeeringInstanceOperation = { code: '', codeName: '', ...instance.vpcPeeringInstanceOperation };
  return out;
}

/** A result: the answer's own fields (JSON) and its list (a JSON array, which travels apart: no copy in the wasm). */
export function answerFrom(head, list) {
  const answer = JSON.parse(head);
  answer.vpcPeeringInstanceList = JSON.parse(list).map(filled);
  return answer;
}

/** One instance (a wait's result, `onPoll`'s argument, an error's `instance`). */
export function instanceFrom(json) {
  return filled(JSON.parse(json));
}

const guarded = new WeakSet();

/**
 * Makes every method of `client`'s class, `free()` included, fail with an NcloudVpcError `ERR_CLIENT_FREED` once
 * the client is freed (a rejection for the calls, a throw for the others), instead of the glue's plain "null pointer
 * passed to rust" thrown even from the async calls. The glue marks a freed object by `__wbg_ptr` 0 (wasm-bindgen
 * 0.2.130, pinned in Cargo.toml). Done once per class.
 */
export function guardClient(client) {
  const proto = Object.getPrototypeOf(client);
  if (guarded.has(proto)) return client;
  guarded.add(proto);
  for (const name of Object.getOwnPropertyNames(proto)) {
    const method = proto[name];
    if (name === 'constructor' || name.startsWith('__') || typeof method !== 'function') continue;
    const returnsPromise = name !== 'free' && !name.startsWith('build');
    proto[name] = function guardedMethod(...args) {
      if (this?.__wbg_ptr) return method.apply(this, args);
      const error = new Error(`client.${name}(): this client was freed; create another with createClient()`);
      error.name = 'NcloudVpcError';
      Object.assign(error, { code: 'ERR_CLIENT_FREED', attempts: 0 });
      if (returnsPromise) return Promise.reject(error);
      throw error;
    };
  }
  if (typeof Symbol.dispose === 'symbol' && proto[Symbol.dispose]) proto[Symbol.dispose] = proto.free;
  return client;
}
