import { useState } from 'preact/hooks';
import { accountPath, get, getAll, put } from '../api.js';
import { plural } from '../format.js';
import { href } from '../router.js';
import { Button, Pending, ProblemView, useAction, useAsync } from '../ui.jsx';

const SPEC_FIELDS = ['name', 'description', 'code', 'eventType', 'skills', 'timeoutMs', 'allowedDomains', 'env', 'templateId', 'templateVersion'];

/**
 * The hosts the account's functions may call. LivePerson keeps one allow-list per account; Switchboard keeps it per
 * function (`allowedDomains`, docs/api.md), so this page shows the account's list as the union of its functions' lists
 * and adds or removes a host on the functions chosen (their drafts: a deploy makes it count).
 */
export function AllowedDomains() {
  const state = useAsync(() => getAll(accountPath('/functions')).then((f) => f.items), []);
  const [domain, setDomain] = useState('');
  const [targets, setTargets] = useState(null);
  const [message, setMessage] = useState(null);
  const [apply, busy, error] = useAction(async (host, ids, add) => {
    for (const id of ids) {
      const fn = await get(accountPath(`/functions/${encodeURIComponent(id)}`));
      const domains = add ? [...new Set([...(fn.allowedDomains || []), host])] : (fn.allowedDomains || []).filter((d) => d !== host);
      const body = Object.fromEntries(SPEC_FIELDS.map((f) => [f, f === 'allowedDomains' ? domains : fn[f]]).filter(([, v]) => v !== null && v !== undefined));
      await put(accountPath(`/functions/${encodeURIComponent(id)}`), body);
    }
    setMessage(`${host} ${add ? 'added to' : 'removed from'} ${plural(ids.length, 'function')}. Deploy them to make it count.`);
    setDomain('');
    setTargets(null);
    state.reload();
  });
  if (!state.data) {
    return <Pending state={state} what="Loading functions" />;
  }
  const functions = state.data;
  const byDomain = {};
  functions.forEach((f) => (f.allowedDomains || []).forEach((d) => (byDomain[d] = byDomain[d] || []).push(f)));
  const chosen = targets || functions.map((f) => f.id);
  const toggle = (id) => setTargets(chosen.includes(id) ? chosen.filter((x) => x !== id) : [...chosen, id]);
  return (
    <div>
      <p class="muted">A function may call only the hosts of its own allow-list (<code>allowedDomains</code>: exact names or
        {' '}<code>*.suffix</code>). These are the hosts the account's functions allow, as saved in their drafts.</p>
      {message && <p class="success" role="status">{message}</p>}
      <ProblemView error={error} />
      {Object.keys(byDomain).length === 0 ? <p class="empty">No function calls any host.</p> : (
        <div class="table-wrap">
          <table data-testid="allowed-domains">
            <thead><tr><th>Host</th><th>Allowed by</th><th /></tr></thead>
            <tbody>{Object.entries(byDomain).sort(([a], [b]) => a.localeCompare(b)).map(([host, fns]) => (
              <tr>
                <td><code>{host}</code></td>
                <td>{fns.map((f, i) => <>{i > 0 && ', '}<a href={href(`/functions/${f.id}/code`)}>{f.name}</a></>)}</td>
                <td><Button kind="danger" busy={busy} busyLabel="Removing" onClick={() => apply(host, fns.map((f) => f.id), false)}>Remove from all</Button></td>
              </tr>
            ))}</tbody>
          </table>
        </div>
      )}
      <form class="card form" style="margin-top: 1rem" onSubmit={(e) => { e.preventDefault(); apply(domain.trim(), chosen, true); }}>
        <h2 style="margin-top: 0">Allow a host</h2>
        <label>Host <input name="domain" placeholder="api.example.com or *.example.com" required value={domain} onInput={(e) => setDomain(e.target.value)} /></label>
        <fieldset><legend class="small">For these functions</legend>
          {functions.map((f) => (
            <label class="check"><input type="checkbox" checked={chosen.includes(f.id)} onChange={() => toggle(f.id)} /> {f.name}</label>
          ))}
        </fieldset>
        <div class="row"><Button kind="primary" type="submit" busy={busy} busyLabel="Saving" disabled={chosen.length === 0}>Allow on {plural(chosen.length, 'function')}</Button></div>
      </form>
    </div>
  );
}
