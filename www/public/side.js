// Which side of a peering the keys in the form are on. A peering names its two VPCs and their owners' login IDs,
// but NCP's answer says nothing about the caller, and an API key does not tell its login ID: the console decides
// from the VPC numbers it knows to be the caller's. Pure (no DOM), so that Node can test it.

/**
 * The caller's side of a peering:
 * - `same-account`: both VPCs are one account's (`isBetweenAccounts` false), so the caller's, since NCP lists a
 *   peering only to the accounts it joins;
 * - `outgoing`: the caller's VPC is the source (it asked); the other account is `targetVpcLoginId`;
 * - `incoming`: the caller's VPC is the target (it decides); the other account is `sourceVpcLoginId`;
 * - `unknown`: a cross-account peering whose VPCs are not among `myVpcNos`.
 *
 * @param {{isBetweenAccounts?: boolean, sourceVpcNo?: string, targetVpcNo?: string}} peering
 * @param {ReadonlySet<string>} myVpcNos  numbers of VPCs known to be the caller's
 * @returns {'same-account' | 'outgoing' | 'incoming' | 'unknown'}
 */
export function sideOf(peering, myVpcNos) {
  if (peering.isBetweenAccounts !== true) return 'same-account';
  if (myVpcNos.has(String(peering.sourceVpcNo))) return 'outgoing';
  if (myVpcNos.has(String(peering.targetVpcNo))) return 'incoming';
  return 'unknown';
}

/** The login ID of the other account of a cross-account peering, seen from `side` ('' when not known). */
export function otherAccount(peering, side) {
  if (side === 'outgoing') return peering.targetVpcLoginId ?? '';
  if (side === 'incoming') return peering.sourceVpcLoginId ?? '';
  return '';
}

/**
 * VPC numbers the answers of these keys prove to be the caller's: both VPCs of a listed same-account peering.
 * (NCP lists only the caller's peerings, and a same-account one has both VPCs in that account.)
 * @param {Iterable<object>} peerings
 * @returns {string[]}
 */
export function vpcNosProvenBy(peerings) {
  const nos = [];
  for (const p of peerings) if (p.isBetweenAccounts === false) nos.push(String(p.sourceVpcNo), String(p.targetVpcNo));
  return nos;
}
