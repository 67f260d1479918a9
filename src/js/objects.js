// The objects the package hands to JS that take their last shape here: results, whose items Rust sends with their
// non-empty fields only (src/model.rs: the JSON then never outgrows the answer it came from, so neither does the
// wasm's memory); and the plain objects a caller puts in a list option, read for src/js/read.rs.

/**
 * Each resource's empty item, parsed once: `template` holds every field in the schema's order with its empty value,
 * `pairs` the names of its `{code, codeName}` fields. Keyed by the empty item's JSON, which Rust writes from the
 * resource's schema (src/resource.rs).
 */
const shapes = new Map();

function shapeOf(emptyItem) {
  let shape = shapes.get(emptyItem);
  if (!shape) {
    const template = JSON.parse(emptyItem);
    const pairs = Object.keys(template).filter((key) => typeof template[key] === 'object');
    shape = { template, pairs };
    shapes.set(emptyItem, shape);
  }
  return shape;
}

/** The item with every field, in the schema's order, each `{code, codeName}` pair a fresh object. */
function filled(item, { template, pairs }) {
  const out = { ...template, ...item };
  for (const key of pairs) out[key] = { ...template[key], ...item[key] };
  return out;
}

/**
 * A result: the answer's own fields (JSON) and its list (a JSON array, which travels apart: no copy in the wasm),
 * set under the resource's list name.
 */
export function answerFrom(head, listName, list, emptyItem) {
  const answer = JSON.parse(head);
  const shape = shapeOf(emptyItem);
  answer[listName] = JSON.parse(list).map((item) => filled(item, shape));
  return answer;
}

/** One item (a wait's result, `onPoll`'s argument, an error's `instance`). */
export function itemFrom(json, emptyItem) {
  return filled(JSON.parse(json), shapeOf(emptyItem));
}

/**
 * The own enumerable string keys of an object inside a list option and their values, as `[key, value, key, value,
 * …]`, read in one go and never throwing; else what the object is, for the message (a getter or Proxy trap threw, or
 * it has more than `maxKeys` keys, left unread).
 */
export function entriesOf(object, maxKeys) {
  try {
    const keys = Object.keys(object);
    if (keys.length > maxKeys) return `an object of more than ${maxKeys} keys`;
    const entries = [];
    for (const key of keys) entries.push(key, object[key]);
    return entries;
  } catch {
    return 'an object that could not be read (a getter or Proxy trap threw)';
  }
}
