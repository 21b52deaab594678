// Pages are addressed after '#' (#/functions/abc/code), so the server serves one index.html and a reload keeps the page.
import { useEffect, useState } from 'preact/hooks';

let guard = null;

/** The current route: its path segments and query parameters. */
export function currentRoute() {
  const hash = location.hash.replace(/^#/, '') || '/';
  const [path, query = ''] = hash.split('?');
  return { path, segments: path.split('/').filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(query) };
}

export function useRoute() {
  const [route, setRoute] = useState(currentRoute());
  useEffect(() => {
    let last = location.hash;
    const changed = () => {
      if (guard && location.hash !== last && !guard()) {
        // Unsaved changes and the user chose to stay: put the address back.
        history.replaceState(null, '', last || '#/');
        return;
      }
      last = location.hash;
      setRoute(currentRoute());
    };
    window.addEventListener('hashchange', changed);
    return () => window.removeEventListener('hashchange', changed);
  }, []);
  return route;
}

export function navigate(path) {
  location.hash = '#' + path;
}

export function href(path) {
  return '#' + path;
}

/**
 * While `dirty`, leaving the page (another route, reload, closing the tab) asks first, so unsaved edits are never
 * lost silently.
 */
export function useLeaveGuard(dirty, message) {
  useEffect(() => {
    if (!dirty) {
      return undefined;
    }
    const ask = () => window.confirm(message);
    const beforeUnload = (event) => {
      event.preventDefault();
      event.returnValue = '';
    };
    guard = ask;
    window.addEventListener('beforeunload', beforeUnload);
    return () => {
      if (guard === ask) {
        guard = null;
      }
      window.removeEventListener('beforeunload', beforeUnload);
    };
  }, [dirty, message]);
}
