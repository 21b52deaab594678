// Formatting of what the API answers, for people.

export function time(iso) {
  if (!iso) {
    return '';
  }
  const date = new Date(iso);
  return date.toLocaleString(undefined, { year: 'numeric', month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

export function ago(iso, now = Date.now()) {
  if (!iso) {
    return '';
  }
  const seconds = Math.round((now - new Date(iso).getTime()) / 1000);
  if (seconds < 60) return `${Math.max(seconds, 0)} s ago`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86400)} d ago`;
}

export function duration(ms) {
  if (ms === undefined || ms === null) {
    return '';
  }
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(ms < 10000 ? 2 : 1)} s`;
}

export function json(value) {
  return JSON.stringify(value, null, 2);
}

/** LivePerson's names for the function states. */
export const STATE_LABELS = {
  DRAFT: 'Draft',
  PRODUCTIVE: 'Productive',
  MODIFIED: 'Modified',
  UNDEPLOYED: 'Undeployed',
};

export function plural(count, word) {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
