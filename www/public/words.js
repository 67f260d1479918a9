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

/** What the connect form says where it lists a VPC's route tables to choose from (table-choice.js). */
export const TABLE_CHOICE = Object.freeze({
  pickSource: 'Pick the source VPC to choose which of its route tables get the route.',
  pickTarget: 'Pick the target VPC to choose which of its route tables get the route.',
  typeOtherNo: 'Type the other account’s VPC number to choose its route tables here.',
  otherAccount:
    'Another account’s VPC: that account chooses which of its route tables get the route (every one, when it does its part). Give its keys above to choose them here.',
  listing: 'Listing its route tables…',
  none: 'This VPC has no route table: no route can be added to it.',
  /** The list failed (`why`, in the page's words): the connection then routes every table, the package's default. */
  failed: (why) => `Its route tables could not be listed (${why}). Planned as it is, every table of this VPC gets the route.`,
});

/** The page's refusal to plan a connection with no route table of one side checked (`field`: that side's list). */
export function noTableChecked(field) {
  return `Check at least one of the ${FIELD_LABELS[field] ?? field}: the route goes only into the tables checked`;
}
