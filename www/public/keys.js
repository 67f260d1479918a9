// Where the keys live. By default only in the page's memory (the two input fields): nothing is written. With the
// explicit opt-in, in this tab’s sessionStorage, and nowhere else: never the persistent local storage, never a cookie.

const STORAGE_KEY = 'ncloud-vpc-console.keys';

/** The keys kept by an earlier opt-in in this tab, or null. */
export function loadKeptKeys() {
  try {
    const text = sessionStorage.getItem(STORAGE_KEY);
    if (!text) return null;
    const { accessKey, secretKey } = JSON.parse(text);
    return typeof accessKey === 'string' && typeof secretKey === 'string' ? { accessKey, secretKey } : null;
  } catch {
    return null;
  }
}

/** Keeps the keys in sessionStorage (call only while the opt-in is ticked). */
export function keepKeys({ accessKey, secretKey }) {
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ accessKey, secretKey }));
  } catch {
    // Storage disabled or full: the keys simply stay in memory.
  }
}

/** Erases the kept keys. */
export function forgetKeys() {
  try {
    sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Nothing to erase.
  }
}
