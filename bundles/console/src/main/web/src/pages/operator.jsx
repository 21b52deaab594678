import { useState } from 'preact/hooks';
import { accountPath, get } from '../api.js';
import { time } from '../format.js';
import { href } from '../router.js';
import { Button, Dialog, JsonBlock, Pending, ProblemView, Tabs, useAsync } from '../ui.jsx';
import { CodeEditor } from '../editor/code-editor.jsx';

/** What the platform runs: event sources and their bundles, templates, limits, health. */
export function OperatorPage({ tab, admin }) {
  return (
    <section aria-labelledby="operator-title">
      <div class="page-head"><h1 id="operator-title">{admin ? 'Operator' : 'Platform'}</h1></div>
      <Tabs label="Operator" active={tab} tabs={[
        { id: 'event-sources', label: 'Event sources', href: href('/operator/event-sources') },
        { id: 'templates', label: 'Templates', href: href('/operator/templates') },
        { id: 'limits', label: 'Limits', href: href('/operator/limits') },
        { id: 'health', label: 'Health', href: href('/operator/health') },
      ]} />
      {tab === 'event-sources' && <EventSources />}
      {tab === 'templates' && <Templates />}
      {tab === 'limits' && <Limits />}
      {tab === 'health' && <Health />}
    </section>
  );
}

/** The health answer, whatever its status (503 carries the same report). */
const health = () => get('/health', { acceptStatus: [503] });

function EventSources() {
  const state = useAsync(async () => {
    const [eventTypes, report] = await Promise.all([get('/event-types'), health().catch(() => null)]);
    return { eventTypes: eventTypes.items, bundles: report && report.bundles ? report.bundles.filter((b) => b.name.startsWith('switchboard.source.')) : null };
  }, []);
  if (!state.data) {
    return <Pending state={state} what="Loading event sources" />;
  }
  const sources = {};
  state.data.eventTypes.forEach((e) => (sources[e.source] = sources[e.source] || []).push(e));
  return (
    <div>
      <p class="muted">Each installed event-source bundle provides event types; a bundle dropped into <code>deploy/</code> adds its events while the platform runs.</p>
      {Object.entries(sources).map(([source, types]) => (
        <div class="card" style="margin-bottom: .75rem" data-testid="event-source">
          <h2>{source}</h2>
          <div class="table-wrap">
            <table>
              <thead><tr><th>Event</th><th>Id</th><th>Mode</th><th>Limit</th><th>Skills</th><th>Webhook</th></tr></thead>
              <tbody>{types.map((e) => (
                <tr><td>{e.displayName}</td><td><code>{e.id}</code></td><td>{e.mode}</td><td>{e.effectiveLimit}</td>
                  <td>{e.supportsSkills ? <code>{e.skillPointer}</code> : 'no'}</td><td><code>{e.webhookPath}</code></td></tr>
              ))}</tbody>
            </table>
          </div>
        </div>
      ))}
      <h2>Event-source bundles</h2>
      {state.data.bundles === null ? <p class="muted">The health report lists no bundles for this key.</p> : (
        <div class="table-wrap">
          <table data-testid="source-bundles">
            <thead><tr><th>Bundle</th><th>Version</th><th>State</th></tr></thead>
            <tbody>{state.data.bundles.map((b) => <tr><td><code>{b.name}</code></td><td>{b.version}</td><td>{b.state}</td></tr>)}</tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function Templates() {
  const templates = useAsync(() => get('/templates').then((t) => t.items), []);
  const rejections = useAsync(() => get('/template-rejections').then((t) => t.items), []);
  const [shown, setShown] = useState(null);
  const code = useAsync(() => (shown ? get(`/templates/${encodeURIComponent(shown)}`) : Promise.resolve(null)), [shown]);
  if (!templates.data) {
    return <Pending state={templates} what="Loading templates" />;
  }
  return (
    <div>
      <p class="muted">The live template catalogue: template bundles and the operators' folder <code>deploy/templates/</code>.</p>
      <div class="table-wrap">
        <table data-testid="templates">
          <thead><tr><th>Template</th><th>Event</th><th>Needs</th><th>Source</th><th>Version</th><th></th></tr></thead>
          <tbody>{templates.data.map((t) => (
            <tr>
              <td><strong>{t.name}</strong>{t.defaultForEvent ? ' (default)' : ''}<div class="muted small">{t.description}</div></td>
              <td>{t.eventType ? <code>{t.eventType}</code> : <span class="muted">none</span>}</td>
              <td class="small">{[...t.requiredEnv.map((e) => 'env ' + e), ...t.requiredSecrets.map((s) => 'secret ' + s), ...t.requiredDomains.map((d) => 'host ' + d)].join(', ')}</td>
              <td class="small">{t.source.kind}: {t.source.location}</td>
              <td><code class="small">{t.version}</code></td>
              <td><Button onClick={() => setShown(t.id)}>Code</Button></td>
            </tr>
          ))}</tbody>
        </table>
      </div>
      <h2>Rejected templates</h2>
      {!rejections.data ? <Pending state={rejections} what="Loading rejected templates" /> : rejections.data.length === 0
        ? <p class="muted" data-testid="no-rejections">None: every template file was accepted.</p> : (
          <div class="table-wrap">
            <table data-testid="template-rejections">
              <thead><tr><th>Template</th><th>Where</th><th>Why</th><th>Last read</th></tr></thead>
              <tbody>{rejections.data.map((r) => (
                <tr><td><code>{r.id}</code></td><td class="small">{r.source.kind}: {r.source.location}</td>
                  <td class="failure-text small">{r.reason}</td><td>{time(r.rejectedAt)}</td></tr>
              ))}</tbody>
            </table>
          </div>
        )}
      <p class="muted small">A rejected file is not in the catalogue; it stays listed here until it is fixed or removed.</p>
      <Dialog open={!!shown} wide title={`Template ${shown}`} onClose={() => setShown(null)}>
        {code.data ? <CodeEditor value={code.data.code} readOnly label={`Code of template ${shown}`} /> : <Pending state={code} what="Loading the code" />}
      </Dialog>
    </div>
  );
}

function Limits() {
  const state = useAsync(async () => {
    const [eventTypes, breaches] = await Promise.all([get('/event-types'), get(accountPath('/limit-breaches'))]);
    return { eventTypes: eventTypes.items, breaches: breaches.items };
  }, []);
  if (!state.data) {
    return <Pending state={state} what="Loading limits" />;
  }
  return (
    <div>
      <p class="muted">How many productive functions an account may bind to each event (per skill where the event supports skills).
        {' '}Operators override defaults in the core's configuration; lowering a limit never undeploys anything, it is reported below.</p>
      <div class="table-wrap">
        <table data-testid="limits-table">
          <thead><tr><th>Event</th><th>Default</th><th>In force</th><th>Counted</th></tr></thead>
          <tbody>{state.data.eventTypes.map((e) => (
            <tr><td>{e.displayName} <code class="small muted">{e.id}</code></td><td>{e.defaultLimit}</td>
              <td>{e.effectiveLimit}{e.effectiveLimit !== e.defaultLimit && <span class="badge state-modified">overridden</span>}</td>
              <td>{e.supportsSkills ? 'per skill' : 'per account'}</td></tr>
          ))}</tbody>
        </table>
      </div>
      <h2>Breaches in this account</h2>
      {state.data.breaches.length === 0 ? <p class="muted">None: every event is within its limit.</p> : (
        <ul>{state.data.breaches.map((b) => <li class="failure-text">{b.eventType}{b.skill ? ` (skill ${b.skill})` : ''}: {b.holders.length} productive, limit {b.limit}: {b.holders.join(', ')}</li>)}</ul>
      )}
    </div>
  );
}

function Health() {
  const report = useAsync(health, []);
  if (!report.data) {
    return <Pending state={report} what="Asking /health" />;
  }
  const r = report.data;
  return (
    <div data-testid="health">
      <div class="row">
        <span class={`badge ${r.status === 'UP' ? 'outcome-ok' : 'failure'}`} data-testid="health-status">{r.status}</span>
        <Button onClick={report.reload} busy={report.loading} busyLabel="Checking">Check again</Button>
      </div>
      <ProblemView error={report.error} />
      {r.problems && r.problems.length > 0 && <div class="problem"><strong>Problems</strong><ul>{r.problems.map((p) => <li>{p}</li>)}</ul></div>}
      {r.checks && r.checks.length > 0 && (
        <><h2>Checks</h2><div class="table-wrap"><table><thead><tr><th>Check</th><th>Status</th><th>Problems</th></tr></thead>
          <tbody>{r.checks.map((c) => <tr><td>{c.name}</td><td>{c.status}</td><td class="small">{(c.problems || []).join('; ')}</td></tr>)}</tbody></table></div></>
      )}
      {r.bundles && (
        <><h2>Bundles</h2><div class="table-wrap"><table><thead><tr><th>Bundle</th><th>Version</th><th>State</th></tr></thead>
          <tbody>{r.bundles.map((b) => <tr><td><code>{b.name}</code></td><td>{b.version}</td><td>{b.state}</td></tr>)}</tbody></table></div></>
      )}
      {r.components && (
        <><h2>Components</h2><div class="table-wrap"><table><thead><tr><th>Component</th><th>Bundle</th><th>State</th></tr></thead>
          <tbody>{r.components.map((c) => <tr><td class="small">{c.name}</td><td class="small">{c.bundle}</td><td>{c.state}{c.detail ? `: ${c.detail}` : ''}</td></tr>)}</tbody></table></div></>
      )}
      {!r.bundles && <p class="muted">Details (bundles, components) are shown to the admin key only.</p>}
      <details><summary>Raw answer</summary><JsonBlock value={r} /></details>
    </div>
  );
}
