// The objects the package hands to JS that take their last shape here: results, whose instances Rust sends with
// their non-empty fields only (src/model.rs: the JSON then never outgrows the answer it came from, so neither does
// the wasm's memory).

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
