// The record filters, table and pager that the function's Invocations tab and the account's logs page share.
import { useState } from 'preact/hooks';
import { duration, time } from './format.js';
import { href } from './router.js';
import { LEVELS, OUTCOMES } from './records.js';
import { Button, JsonBlock, LogLines, OutcomeBadge } from './ui.jsx';

/** Outcome, level, time range and text; `functions` adds a function choice. Test ids are `${prefix}-outcome` etc. */
export function RecordFilters({ filter, onChange, prefix, functions, label, children }) {
  const set = (field) => (e) => onChange({ ...filter, [field]: e.target.value });
  return (
    <div class="filters" role="search" aria-label={label}>
      {functions && <label>Function <select value={filter.functionId} onChange={set('functionId')} data-testid={`${prefix}-function`}>
        <option value="">All</option>{functions.map((f) => <option value={f.id}>{f.name}</option>)}</select></label>}
      <label>Outcome <select value={filter.outcome} onChange={set('outcome')} data-testid={`${prefix}-outcome`}>
        <option value="">All</option>{OUTCOMES.map((o) => <option value={o}>{o}</option>)}</select></label>
      <label>Log level <select value={filter.level} onChange={set('level')} data-testid={`${prefix}-level`}>
        <option value="">Any</option>{LEVELS.map((l) => <option value={l}>{l} or above</option>)}</select></label>
      <label>From <input type="datetime-local" value={filter.from} onInput={set('from')} /></label>
      <label>To <input type="datetime-local" value={filter.to} onInput={set('to')} /></label>
      <label>Text <input type="search" placeholder="in logs, result, error" value={filter.text} onInput={set('text')} data-testid={`${prefix}-text`} /></label>
      {children}
    </div>
  );
}

/** Records with their outcome, trigger, version and duration; details (result or error, logs) open per row. */
export function RecordTable({ records, names, testid }) {
  const [open, setOpen] = useState({});
  const columns = names ? 8 : 7;
  return (
    <div class="table-wrap">
      <table data-testid={testid}>
        <thead><tr><th>Started</th>{names && <th>Function</th>}<th>Outcome</th><th>Trigger</th><th>Version</th><th>Duration</th><th>Logs</th><th /></tr></thead>
        <tbody>{records.map((inv) => (
          <>
            <tr data-invocation={inv.id}>
              <td>{time(inv.startedAt)}</td>
              {names && <td><a href={href(`/functions/${inv.functionId}/invocations`)}>{names[inv.functionId] || inv.functionId}</a></td>}
              <td><OutcomeBadge outcome={inv.outcome} /></td>
              <td>{inv.trigger}{inv.eventType ? <div class="muted small">{inv.eventType}</div> : ''}</td>
              <td>{inv.version === 0 ? 'draft' : `v${inv.version}`}</td><td>{duration(inv.durationMs)}</td><td>{(inv.logs || []).length}</td>
              <td><button type="button" class="link" aria-expanded={open[inv.id] ? 'true' : 'false'}
                onClick={() => setOpen({ ...open, [inv.id]: !open[inv.id] })}>{open[inv.id] ? 'Hide' : 'Details'}</button></td>
            </tr>
            {open[inv.id] && (
              <tr><td colSpan={columns}>
                <p class="small">Invocation <code>{inv.id}</code>{inv.eventId ? <> · event <code>{inv.eventId}</code></> : ''}</p>
                <div class="result-grid">
                  <div><h3 style="margin-left: 0">{inv.error ? 'Error' : 'Result'}</h3><JsonBlock value={inv.error || inv.result} /></div>
                  <div><h3 style="margin-left: 0">Logs</h3><LogLines logs={inv.logs} trigger={inv.trigger} /></div>
                </div>
              </td></tr>
            )}
          </>
        ))}</tbody>
      </table>
    </div>
  );
}

/** Newer / older pages of a search. */
export function Pager({ page, size, total, onPage }) {
  const pages = Math.max(1, Math.ceil(total / size));
  return (
    <div class="row" style="margin-top: .5rem">
      <Button disabled={page === 0} onClick={() => onPage(page - 1)}>Newer</Button>
      <span class="muted small">page {page + 1} of {pages}</span>
      <Button disabled={page + 1 >= pages} onClick={() => onPage(page + 1)}>Older</Button>
    </div>
  );
}
