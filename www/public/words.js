// The console's words for the package's option names: the validator says "sourceVpcNo is required", the page says
// "Source VPC number is required", with the label the field carries. Pure (no DOM), so that Node can test it.

/** Each option's name as the page labels it, lower-case as in the middle of a sentence. */
export const FIELD_LABELS = Object.freeze({
  accessKey: 'access key',
  secretKey: 'secret key',
  regionCode: 'region',
  method: 'method',
  responseFormatType: 'answer format',
  endpoint: 'custom endpoint',
  site: 'site',
  sourceVpcNo: 'source VPC',
  targetVpcNo: 'target VPC',
  vpcPeeringName: 'peering name',
  targetVpcName: 'target VPC name',
  targetVpcLoginId: 'target owner’s login ID',
  vpcPeeringDescription: 'description',
  vpcPeeringInstanceNo: 'peering number',
  vpcPeeringInstanceStatusCode: 'status filter',
  vpcPeeringInstanceNoList: 'peering numbers',
  sourceVpcName: 'source VPC name',
  pageNo: 'page',
  pageSize: 'page size',
  sortedBy: 'sort key',
  sortingOrder: 'sort order',
  isAccept: 'accept or reject',
  timeoutMs: 'time limit',
  targetAccessKey: 'other account’s access key',
  targetSecretKey: 'other account’s secret key',
  sourceRouteTableNoList: 'source VPC’s route tables',
  targetRouteTableNoList: 'target VPC’s route tables',
  vpcNo: 'VPC',
  routeTableNo: 'route table',
});

const NAMES = new RegExp(`\\b(${Object.keys(FIELD_LABELS).join('|')})\\b`, 'g');

/** `text` with its first letter in upper case. */
export function capitalized(text) {
  return text ? text[0].toUpperCase() + text.slice(1) : text;
}

/** The label of option `field`, capitalized (the field's own name when the page has no label for it). */
export function fieldLabel(field) {
  return capitalized(FIELD_LABELS[field] ?? field);
}

/**
 * A validator message in the page's words: every option name becomes its label, the sentence starts with a capital.
 * What the user typed (after ": got ") is left as typed.
 */
export function inPageWords(message) {
  const text = String(message ?? '');
  const at = text.indexOf(': got ');
  const [said, typed] = at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at)];
  return capitalized(said.replace(NAMES, (name) => FIELD_LABELS[name])) + typed;
}

/** Each step of a connection (connectVpcs, disconnectVpcs) by what it does, as the page names it. */
export const STEP_ACTIONS = Object.freeze({
  createVpcPeeringInstance: 'Request a peering',
  acceptOrRejectVpcPeering: 'Accept the peering',
  waitForVpcPeeringInstance: 'Wait',
  addRoute: 'Add a route',
  removeRoute: 'Remove routes',
  deleteVpcPeeringInstance: 'Delete the peering',
});

/** What became of a step, in the page's words (`done`, `skipped`, `planned`, `awaiting`). */
export const STEP_STATUSES = Object.freeze({
  done: 'Done',
  skipped: 'Already so',
  planned: 'Planned',
  awaiting: 'Awaiting the other account',
});

/**
 * A step's note in the page's words: the package's advice to programmers (which function to call, which option to
 * pass) is left out, since the page says it in its own terms; option names become labels.
 */
export function stepNote(note) {
  const text = String(note ?? '').replace(/\s*\([^()]*\b(connectVpcs|disconnectVpcs|targetAccessKey|targetSecretKey)\b[^()]*\)/g, '');
  return inPageWords(text);
}
