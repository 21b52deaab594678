// The signed-in key and account, kept in this browser tab's sessionStorage only: closing the tab forgets them, and
// nothing is ever written to localStorage, cookies or URLs.
const STORE = 'switchboard.console.session';

let current = load();
const listeners = new Set();

function load() {
  try {
    const raw = sessionStorage.getItem(STORE);
    return raw ? JSON.parse(raw) : null;
  } catch {
    return null;
  }
}

/** The session: {key, account, admin} or null when signed out. */
export function session() {
  return current;
}

export function signIn(value) {
  current = value;
  sessionStorage.setItem(STORE, JSON.stringify(value));
  listeners.forEach((listener) => listener(current));
}

/** Forgets the key; `reason` is shown on the sign-in page (e.g. the key stopped working). */
export function signOut(reason) {
  current = null;
  sessionStorage.removeItem(STORE);
  signOutReason = reason || null;
  listeners.forEach((listener) => listener(current));
}

export let signOutReason = null;

export function onSessionChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Switches the account an admin works on. */
export function switchAccount(account) {
  if (current) {
    signIn({ ...current, account });
  }
}
