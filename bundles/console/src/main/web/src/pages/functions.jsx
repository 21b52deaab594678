import { useEffect, useMemo, useState } from 'preact/hooks';
import { accountPath, get, getAll } from '../api.js';
import { ago, plural, time, STATE_LABELS } from '../format.js';
import { href } from '../router.js';
import { eachLimited, OutcomeBadge, Pending, ProblemView, StateBadge, useAsync } from '../ui.jsx';
import { Limits } from './limits-summary.jsx';

const PRODUCTIVE = new Set(['PRODUCTIVE', 'MODIFIED']);

/** The account's functions with their state, last deploy and last invocation; filter, search, limits. */
export function FunctionsPage() {
  const state = useAsync(async () => {
    const [functions, eventTypes, breaches] = await Promise.all([
      getAll(accountPath('/functions')),
      get('/event-types'),
      get(accountPath('/limit-breaches')),
    ]);
    return { functions: functions.items, eventTypes: eventTypes.items, breaches: breaches.items };
  }, []);
  const details = useRowDetails(state.data && state.data.functions);
  const [text, setText] = useState('');
  const [stateFilter, setStateFilter] = useState('');
  const [eventFilter, setEventFilter] = useState('');
  if (!state.data) {
    return <Pending state={state} what="Loading functions" />;
  }
  const { functions, eventTypes, breaches } = state.data;
  const events = Object.fromEntries(eventTypes.map((e) => [e.id, e]));
  const needle = text.trim().toLowerCase();
  const shown = functions.filter((f) => (!stateFilter || (stateFilter === 'FAILING' ? !!f.statusDetail : f.state === stateFilter))
    && (!eventFilter || (eventFilter === '-' ? !f.eventType : f.eventType === eventFilter))
    && (!needle || [f.name, f.description, f.id, f.eventType].some((v) => v && v.toLowerCase().includes(needle))));
  const productive = functions.filter((f) => PRODUCTIVE.has(f.state)).length;
  return (
    <section aria-labelledby="functions-title">
      <div class="page-head">
        <h1 id="functions-title">Functions</h1>
        <a class="button primary" href={href('/functions/new')}>Create function</a>
      </div>
      <ProblemView error={state.error} />
      <div class="metrics">
        <div class="metric"><span class="value" data-testid="total-functions">{functions.length}</span><span class="label">functions</span></div>
        <div class="metric"><span class="value" data-testid="productive-functions">{productive}</span><span class="label">productive</span></div>
        <div class="metric"><span class="value">{functions.filter((f) => f.statusDetail).length}</span><span class="label">not working</span></div>
        <Limits eventTypes={eventTypes} functions={functions} details={details} breaches={breaches} />
      </div>
      <div class="filters" role="search">
        <label>Search <input type="search" placeholder="name, description, id" value={text} onInput={(e) => setText(e.target.value)} /></label>
        <label>State
          <select value={stateFilter} onChange={(e) => setStateFilter(e.target.value)}>
            <option value="">All</option>
            {Object.entries(STATE_LABELS).map(([value, label]) => <option value={value}>{label}</option>)}
            <option value="FAILING">Not working</option>
          </select>
        </label>
        <label>Event
          <select value={eventFilter} onChange={(e) => setEventFilter(e.target.value)}>
            <option value="">All</option>
            <option value="-">No event</option>
            {eventTypes.map((e) => <option value={e.id}>{e.displayName}</option>)}
          </select>
        </label>
        <span class="muted">{plural(shown.length, 'function')} shown</span>
      </div>
      {functions.length === 0 ? (
        <p class="empty">No functions in this account yet. <a href={href('/functions/new')}>Create the first one</a>.</p>
      ) : (
        <div class="table-wrap">
          <table data-testid="functions-table">
            <thead><tr><th>Name</th><th>Event</th><th>Skills</th><th>State</th><th>Last deploy</th><th>Last invocation</th></tr></thead>
            <tbody>
              {shown.map((f) => {
                const detail = details[f.id] || {};
                return (
                  <tr>
                    <td><a href={href(`/functions/${f.id}/code`)}>{f.name}</a><div class="muted small">{f.description}</div></td>
                    <td>{f.eventType ? (events[f.eventType] ? events[f.eventType].displayName : f.eventType) : <span class="muted">No event</span>}</td>
                    <td>{f.skills && f.skills.length ? f.skills.join(', ') : (f.eventType && events[f.eventType] && events[f.eventType].supportsSkills ? 'all' : '')}</td>
                    <td><StateBadge state={f.state} detail={f.statusDetail} />{f.statusDetail && <div class="small failure-text">{f.statusDetail}</div>}</td>
                    <td>{f.deployedVersion > 0 ? (detail.deployedAt ? <span title={time(detail.deployedAt)}>v{f.deployedVersion} · {ago(detail.deployedAt)}</span> : `v${f.deployedVersion}`) : <span class="muted">never</span>}</td>
                    <td>{detail.lastInvocation === undefined ? <span class="muted">…</span>
                      : detail.lastInvocation === null ? <span class="muted">none</span>
                        : <span title={time(detail.lastInvocation.startedAt)}><OutcomeBadge outcome={detail.lastInvocation.outcome} /> {ago(detail.lastInvocation.startedAt)}</span>}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/**
 * Per function: when its active version was deployed (and that version's event and skills, which the limits count)
 * and its newest invocation. Loaded a few at a time after the list shows.
 */
function useRowDetails(functions) {
  const [details, setDetails] = useState({});
  useEffect(() => {
    if (!functions) {
      return undefined;
    }
    let cancelled = false;
    eachLimited(functions, 4, async (f) => {
      const detail = {};
      try {
        if (f.deployedVersion > 0) {
          const versions = await get(accountPath(`/functions/${f.id}/versions`));
          const active = versions.items.find((v) => v.active);
          detail.deployedAt = active && active.createdAt;
          detail.deployed = active;
        }
        const invocations = await get(accountPath(`/functions/${f.id}/invocations?page=0&size=1`));
        detail.lastInvocation = invocations.items[0] || null;
      } catch (error) {
        detail.error = error;
      }
      if (!cancelled) {
        setDetails((all) => ({ ...all, [f.id]: detail }));
      }
    });
    return () => {
      cancelled = true;
    };
  }, [functions]);
  return details;
}
