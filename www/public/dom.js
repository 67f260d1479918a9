// Small DOM helpers. Every text goes in through textContent / append, never innerHTML: answers from the API are
// data, not markup.

/** `document.getElementById`, throwing when the page lacks the element (a broken page should fail loudly). */
export function byId(id) {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the page has no #${id}`);
  return el;
}

/**
 * Creates an element. `props`: `class`, `text`, `dataset` (object), `on<event>` (listener), any other attribute
 * (`true` for a boolean attribute; `false`/`null`/`undefined` skip it). Children: nodes or strings, nested arrays.
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = String(value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces the children of `el`. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** `HH:MM:SS` of a Date (local time). */
export function clock(date = new Date()) {
  return date.toLocaleTimeString([], { hour12: false });
}

/** Marks a button busy (disabled, a spinner, a different label) until the returned function is called. */
export function busy(button, label) {
  const before = button.textContent;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  button.classList.add('is-busy');
  button.textContent = label;
  return () => {
    button.disabled = false;
    button.removeAttribute('aria-busy');
    button.classList.remove('is-busy');
    button.textContent = before;
  };
}
