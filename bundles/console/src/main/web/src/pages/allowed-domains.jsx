import { useState } from 'preact/hooks';
import { accountPath, get, getAll, put } from '../api.js';
import { href } from '../router.js';
import { Button, Pending, ProblemView, useAction, useAsync } from '../ui.jsx';

/**
 * LivePerson's Domain Allowlist: the account's settings (`GET/PUT .../settings`), whose `allowedDomains` every function
 * may call besides its own list; beside them the functions' own lists, and the account's other settings.
 */
export function AllowedDomains() {
  const state = useAsync(async () => {
    const [settings, functions] = await Promise.all([get(accountPath('/settings')), getAll(accountPath('/functions'))]);
    return { settings, functions: functions.items };
  }, []);
  const [domain, setDomain] = useState('');
  const [message, setMessage] = useState(null);
  // PUT replaces every setting: the others are sent as they are.
  const [save, busy, error] = useAction(async (changes, done) => {
    const { allowedDomains, lpDiscoveryBaseUrl, httpRequestsPerSecond } = { ...state.data.settings, ...changes };
    const saved = await put(accountPath('/settings'), { allowedDomains, lpDiscoveryBaseUrl, httpRequestsPerSecond });
    state.setData((d) => ({ ...d, settings: saved }));
    setMessage(done);
    return saved;
  });
  if (!state.data) {
    return <Pending state={state} what="Loading the account's settings" />;
  }
  const { settings, functions } = state.data;
  const byDomain = {};
  functions.forEach((f) => (f.allowedDomains || []).forEach((d) => (byDomain[d] = byDomain[d] || []).push(f)));
  const add = async (e) => {
    e.preventDefault();
    const host = domain.trim();
    if (await save({ allowedDomains: [...settings.allowedDomains.filter((d) => d !== host), host] }, `${host} is allowed for every function of the account.`)) {
      setDomain('');
    }
  };
  return (
    <div>
      <p class="muted">Every function of the account may call the hosts of the account's allow-list, besides those of its own
        {' '}<code>allowedDomains</code>. Entries are host names or <code>*.</code> followed by one; a change counts from the next invocation.</p>
      {message && <p class="success" role="status">{message}</p>}
      <ProblemView error={error} />
      <div class="card">
        <h2 style="margin-top: 0">Account allow-list</h2>
        {settings.allowedDomains.length === 0 ? <p class="empty">No host is allowed for the whole account.</p> : (
          <div class="table-wrap">
            <table data-testid="account-domains">
              <thead><tr><th>Host</th><th /></tr></thead>
              <tbody>{settings.allowedDomains.map((host) => (
                <tr><td><code>{host}</code></td>
                  <td><Button kind="danger" busy={busy} busyLabel="Removing"
                    onClick={() => save({ allowedDomains: settings.allowedDomains.filter((d) => d !== host) }, `${host} removed from the account's allow-list.`)}>Remove</Button></td></tr>
              ))}</tbody>
            </table>
          </div>
        )}
        <form class="row" style="margin-top: .5rem" onSubmit={add}>
          <label>Host <input name="domain" placeholder="api.example.com or *.example.com" required value={domain} onInput={(e) => setDomain(e.target.value)} /></label>
          <Button kind="primary" type="submit" busy={busy} busyLabel="Saving" style="align-self: flex-end">Allow for the account</Button>
        </form>
      </div>
      <OtherSettings settings={settings} busy={busy} save={save} />
      <h2>Hosts allowed by single functions</h2>
      {Object.keys(byDomain).length === 0 ? <p class="muted">No function allows a host of its own.</p> : (
        <div class="table-wrap">
          <table data-testid="function-domains">
            <thead><tr><th>Host</th><th>Allowed by</th></tr></thead>
            <tbody>{Object.entries(byDomain).sort(([a], [b]) => a.localeCompare(b)).map(([host, fns]) => (
              <tr><td><code>{host}</code></td>
                <td>{fns.map((f, i) => <>{i > 0 && ', '}<a href={href(`/functions/${f.id}/code`)}>{f.name}</a></>)}</td></tr>
            ))}</tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function OtherSettings({ settings, busy, save }) {
  const [discovery, setDiscovery] = useState(settings.lpDiscoveryBaseUrl || '');
  const [rate, setRate] = useState(String(settings.httpRequestsPerSecond));
  return (
    <form class="card form" style="margin-top: 1rem; max-width: none"
      onSubmit={(e) => { e.preventDefault(); save({ lpDiscoveryBaseUrl: discovery.trim(), httpRequestsPerSecond: Number(rate) }, 'Account settings saved.'); }}>
      <h2 style="margin-top: 0">Other account settings</h2>
      <label>LivePerson discovery base URL (for LpClient; empty: none)
        <input name="lpDiscoveryBaseUrl" value={discovery} onInput={(e) => setDiscovery(e.target.value)} /></label>
      <label>Outbound HTTP requests per second, per function (1-1000)
        <input name="httpRequestsPerSecond" inputMode="numeric" value={rate} onInput={(e) => setRate(e.target.value)} /></label>
      <div class="row"><Button type="submit" busy={busy} busyLabel="Saving">Save settings</Button></div>
    </form>
  );
}
