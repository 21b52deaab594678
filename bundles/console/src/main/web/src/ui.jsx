// Small building blocks every page uses: loading and failure states, progress on actions, badges, dialogs, forms.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from './api.js';
import { STATE_LABELS } from './format.js';

/** Loads with `load()` when `deps` change: {data, error, loading, reload, setData}. */
export function useAsync(load, deps) {
  const [state, setState] = useState({ data: undefined, error: null, loading: true });
  const generation = useRef(0);
  const reload = useCallback(() => {
    const mine = ++generation.current;
    setState((s) => ({ ...s, loading: true }));
    return Promise.resolve().then(load).then(
      (data) => mine === generation.current && setState({ data, error: null, loading: false }),
      (error) => mine === generation.current && setState((s) => ({ data: s.data, error, loading: false })));
  }, deps);
  useEffect(() => {
    reload();
  }, [reload]);
  const setData = (data) => setState((s) => ({ ...s, data: typeof data === 'function' ? data(s.data) : data }));
  return { ...state, reload, setData };
}

/** An action with progress and its failure: [run, busy, error, clearError]. */
export function useAction(action) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const run = async (...args) => {
    setBusy(true);
    setError(null);
    try {
      return await action(...args);
    } catch (e) {
      setError(e);
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return [run, busy, error, () => setError(null)];
}

/** A problem detail (RFC 9457) as the API answered it, with its field errors and extra members. */
export function ProblemView({ error, onClose }) {
  if (!error) {
    return null;
  }
  const problem = error instanceof ApiError ? error.problem : { title: 'Error', detail: String(error.message || error) };
  const status = error instanceof ApiError && error.status ? error.status : problem.status;
  const known = new Set(['type', 'title', 'status', 'detail', 'errors', 'instance']);
  const extras = Object.entries(problem).filter(([key]) => !known.has(key));
  return (
    <div class="problem" role="alert" data-testid="problem">
      <div class="problem-head">
        <strong>{status ? `${status} ` : ''}{problem.title || 'Request failed'}</strong>
        {problem.type && <code class="muted">{problem.type.replace('urn:switchboard:problem:', '')}</code>}
        {onClose && <button type="button" class="link" onClick={onClose} aria-label="Dismiss">×</button>}
      </div>
      {problem.detail && <p>{problem.detail}</p>}
      {Array.isArray(problem.errors) && problem.errors.length > 0 && (
        <ul>{problem.errors.map((e) => <li><code>{e.field || '(body)'}</code> {e.message}</li>)}</ul>
      )}
      {extras.length > 0 && (
        <dl class="inline">{extras.map(([key, value]) => <><dt>{key}</dt><dd>{Array.isArray(value) ? value.join(', ') : String(value)}</dd></>)}</dl>
      )}
    </div>
  );
}

export function Loading({ what = 'Loading' }) {
  return <p class="loading" role="status"><span class="spinner" aria-hidden="true" />{what}…</p>;
}

/** What an async load shows until it has data: progress or the problem. */
export function Pending({ state, what }) {
  if (state.error && state.data === undefined) {
    return <ProblemView error={state.error} />;
  }
  return <Loading what={what} />;
}

/** A button that shows progress while its action runs. */
export function Button({ busy, busyLabel, children, kind = 'secondary', ...props }) {
  return (
    <button type="button" class={`button ${kind}`} disabled={busy || props.disabled} aria-busy={busy ? 'true' : 'false'} {...props}>
      {busy && <span class="spinner" aria-hidden="true" />}
      {busy && busyLabel ? busyLabel : children}
    </button>
  );
}

export function StateBadge({ state, detail }) {
  return (
    <span class="badges">
      <span class={`badge state-${(state || '').toLowerCase()}`} data-testid="state">{STATE_LABELS[state] || state}</span>
      {detail && <span class="badge failure" title={detail}>Not working</span>}
    </span>
  );
}

export function OutcomeBadge({ outcome }) {
  if (!outcome) {
    return <span class="muted">–</span>;
  }
  return <span class={`badge outcome-${outcome.toLowerCase()}`} data-testid="outcome">{outcome}</span>;
}

/** A modal dialog (the browser's own: focus stays inside, Escape closes). */
export function Dialog({ open, title, onClose, children, wide }) {
  const ref = useRef(null);
  useEffect(() => {
    const dialog = ref.current;
    if (open && !dialog.open) {
      dialog.showModal();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);
  return (
    <dialog ref={ref} class={wide ? 'wide' : ''} onClose={onClose} aria-label={title}>
      {open && (
        <>
          <header><h2>{title}</h2><button type="button" class="link" onClick={onClose} aria-label="Close">×</button></header>
          <div class="dialog-body">{children}</div>
        </>
      )}
    </dialog>
  );
}

/** Rows of key and value (environment variables, headers). */
export function KeyValueEditor({ rows, onChange, keyLabel = 'Name', valueLabel = 'Value', testid }) {
  const update = (index, field, value) => onChange(rows.map((row, i) => (i === index ? { ...row, [field]: value } : row)));
  return (
    <div class="kv" data-testid={testid}>
      {rows.map((row, index) => (
        <div class="kv-row">
          <input aria-label={`${keyLabel} ${index + 1}`} placeholder={keyLabel} value={row.key} onInput={(e) => update(index, 'key', e.target.value)} />
          <input aria-label={`${valueLabel} ${index + 1}`} placeholder={valueLabel} value={row.value} onInput={(e) => update(index, 'value', e.target.value)} />
          <button type="button" class="link" aria-label={`Remove ${keyLabel.toLowerCase()} ${index + 1}`} onClick={() => onChange(rows.filter((_, i) => i !== index))}>×</button>
        </div>
      ))}
      <button type="button" class="link" onClick={() => onChange([...rows, { key: '', value: '' }])}>+ Add {keyLabel.toLowerCase()}</button>
    </div>
  );
}

export function Tabs({ tabs, active, label }) {
  return (
    <nav class="tabs" aria-label={label}>
      {tabs.map((tab) => (
        <a href={tab.href} class={tab.id === active ? 'active' : ''} aria-current={tab.id === active ? 'page' : undefined}>{tab.label}</a>
      ))}
    </nav>
  );
}

export function JsonBlock({ value, testid }) {
  return <pre class="json" data-testid={testid}>{value === undefined ? '' : JSON.stringify(value, null, 2)}</pre>;
}

/** Logs as lines of time, level and message (with extras), as an invocation recorded them. */
export function LogLines({ logs, testid = 'logs', trigger }) {
  if (!logs || logs.length === 0) {
    // As LivePerson, the platform keeps no logs of test runs unless configured (persistManualInvocationLogs).
    return <p class="muted" data-testid={testid}>{trigger === 'MANUAL' ? 'No log lines kept: the logs of test runs are shown once, when run.' : 'No log lines.'}</p>;
  }
  return (
    <ol class="logs" data-testid={testid}>
      {logs.map((line) => (
        <li class={`log-${(line.level || '').toLowerCase()}`}>
          <time>{line.time ? new Date(line.time).toISOString().substring(11, 23) : ''}</time>
          <span class="level">{line.level}</span>
          <span class="message">{line.message}{line.extras ? ' ' + JSON.stringify(line.extras) : ''}</span>
        </li>
      ))}
    </ol>
  );
}

/** Runs `task` for each item, at most `parallel` at once (per-row details of a listing). */
export async function eachLimited(items, parallel, task) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, items.length) }, worker));
}

/** Reloads every few seconds while on, each reload after the previous one ended. */
export function usePolling(on, reload, ms) {
  const timer = useRef(null);
  useEffect(() => {
    if (!on) {
      return undefined;
    }
    let stopped = false;
    const tick = async () => {
      await reload();
      if (!stopped) {
        timer.current = setTimeout(tick, ms);
      }
    };
    timer.current = setTimeout(tick, ms);
    return () => {
      stopped = true;
      clearTimeout(timer.current);
    };
  }, [on, reload, ms]);
}
