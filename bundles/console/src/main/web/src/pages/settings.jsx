import { useState } from 'preact/hooks';
import { accountPath, del, get, getAll, post, put } from '../api.js';
import { time } from '../format.js';
import { href } from '../router.js';
import { Button, Dialog, Pending, ProblemView, Tabs, useAction, useAsync } from '../ui.jsx';
import { Schedules } from './schedules.jsx';
import { Bots } from './bots.jsx';
import { AllowedDomains } from './allowed-domains.jsx';

/** The account's settings: secrets, allowed domains, bots, schedules and dead letters. */
export function SettingsPage({ tab }) {
  return (
    <section aria-labelledby="settings-title">
      <div class="page-head"><h1 id="settings-title">Settings</h1></div>
      <Tabs label="Settings" active={tab} tabs={[
        { id: 'secrets', label: 'Secrets', href: href('/settings/secrets') },
        { id: 'allowed-domains', label: 'Allowed domains', href: href('/settings/allowed-domains') },
        { id: 'bots', label: 'Bots', href: href('/settings/bots') },
        { id: 'schedules', label: 'Schedules', href: href('/settings/schedules') },
        { id: 'dead-letters', label: 'Dead letters', href: href('/settings/dead-letters') },
      ]} />
      {tab === 'secrets' && <Secrets />}
      {tab === 'allowed-domains' && <AllowedDomains />}
      {tab === 'bots' && <Bots />}
      {tab === 'schedules' && <Schedules />}
      {tab === 'dead-letters' && <DeadLetters />}
    </section>
  );
}

/** Secrets: values go in and are never shown again (only masked). */
function Secrets() {
  const secrets = useAsync(() => get(accountPath('/secrets')).then((s) => s.items), []);
  const [editing, setEditing] = useState(null);
  const [removing, setRemoving] = useState(null);
  const [message, setMessage] = useState(null);
  return (
    <div>
      <div class="row" style="margin-bottom: .75rem">
        <Button kind="primary" onClick={() => setEditing({ create: true })} data-testid="add-secret">Add secret</Button>
        <span class="muted small">Functions read secrets with the toolbelt's SecretClient. A value is never shown again after it is saved.</span>
      </div>
      {message && <p class="success" role="status">{message}</p>}
      {!secrets.data ? <Pending state={secrets} what="Loading secrets" /> : secrets.data.length === 0 ? <p class="empty">No secrets yet.</p> : (
        <div class="table-wrap">
          <table data-testid="secrets">
            <thead><tr><th>Name</th><th>Value</th><th>Updated</th><th>Actions</th></tr></thead>
            <tbody>
              {secrets.data.map((s) => (
                <tr>
                  <td><code>{s.name}</code></td><td><code>{s.maskedValue}</code></td><td>{time(s.updatedAt)}</td>
                  <td class="row"><Button onClick={() => setEditing({ name: s.name })}>Change value</Button>
                    <Button kind="danger" onClick={() => setRemoving(s.name)}>Delete</Button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <SecretDialog editing={editing} onClose={() => setEditing(null)} onSaved={(text) => { setEditing(null); setMessage(text); secrets.reload(); }} />
      <DeleteSecret name={removing} onClose={() => setRemoving(null)} onDeleted={(text) => { setRemoving(null); setMessage(text); secrets.reload(); }} />
    </div>
  );
}

function SecretDialog({ editing, onClose, onSaved }) {
  const [name, setName] = useState('');
  const [value, setValue] = useState('');
  const [save, busy, error, clear] = useAction(async (e) => {
    e.preventDefault();
    if (editing.create) {
      await post(accountPath('/secrets'), { name: name.trim(), value });
    } else {
      await put(accountPath(`/secrets/${encodeURIComponent(editing.name)}`), { value });
    }
    const saved = editing.create ? name.trim() : editing.name;
    setName('');
    setValue('');
    onSaved(`Secret ${saved} saved.`);
  });
  const close = () => { clear(); setName(''); setValue(''); onClose(); };
  return (
    <Dialog open={!!editing} title={editing && editing.create ? 'Add a secret' : `New value for ${editing && editing.name}`} onClose={close}>
      <form class="form" onSubmit={save}>
        {editing && editing.create && <label>Name <input name="secret-name" required value={name} onInput={(e) => setName(e.target.value)} /></label>}
        <label>Value <input name="secret-value" type="password" autocomplete="off" value={value} onInput={(e) => setValue(e.target.value)} /></label>
        <ProblemView error={error} />
        <div class="row"><Button kind="primary" type="submit" busy={busy} busyLabel="Saving">Save secret</Button><Button onClick={close}>Cancel</Button></div>
      </form>
    </Dialog>
  );
}

function DeleteSecret({ name, onClose, onDeleted }) {
  const [remove, busy, error] = useAction(async () => {
    await del(accountPath(`/secrets/${encodeURIComponent(name)}`));
    onDeleted(`Secret ${name} deleted.`);
  });
  return (
    <Dialog open={!!name} title={`Delete secret ${name}?`} onClose={onClose}>
      <p>Functions reading it will fail until it is added again.</p>
      <ProblemView error={error} />
      <div class="row"><Button kind="danger" busy={busy} busyLabel="Deleting" onClick={remove}>Delete secret</Button><Button onClick={onClose}>Cancel</Button></div>
    </Dialog>
  );
}

/** Asynchronous tasks that failed every attempt; retry runs the function's currently deployed version. */
function DeadLetters() {
  const [page, setPage] = useState(0);
  const listing = useAsync(async () => {
    const [letters, functions] = await Promise.all([get(accountPath(`/dead-letters?page=${page}&size=20`)), getAll(accountPath('/functions'))]);
    return { ...letters, names: Object.fromEntries(functions.items.map((fn) => [fn.id, fn.name])) };
  }, [page]);
  const [retried, setRetried] = useState(null);
  const [retry, busy, error] = useAction(async (task) => {
    const requeued = await post(accountPath(`/dead-letters/${encodeURIComponent(task.taskId)}/retry`));
    setRetried(`Task ${requeued.taskId} is queued again and runs version ${requeued.version}.`);
    listing.reload();
  });
  if (!listing.data) {
    return <Pending state={listing} what="Loading dead letters" />;
  }
  const names = listing.data.names;
  return (
    <div>
      <p class="muted">An asynchronous event's task that failed every attempt stays here until it is retried. Fix and deploy the function first:
        {' '}a retry runs the version deployed now.</p>
      <div class="row" style="margin-bottom: .5rem"><Button onClick={listing.reload} busy={listing.loading} busyLabel="Refreshing">Refresh</Button></div>
      {retried && <p class="success" role="status">{retried}</p>}
      <ProblemView error={error || listing.error} />
      {listing.data.items.length === 0 ? <p class="empty">No dead letters.</p> : (
        <div class="table-wrap">
          <table data-testid="dead-letters">
            <thead><tr><th>Dead-lettered</th><th>Event</th><th>Function</th><th>Attempts</th><th>Last error</th><th></th></tr></thead>
            <tbody>
              {listing.data.items.map((d) => (
                <tr>
                  <td>{time(d.deadLetteredAt)}</td><td>{d.eventType}<div class="muted small">{d.eventId}</div></td>
                  <td><a href={href(`/functions/${d.functionId}/invocations`)}>{names[d.functionId] || d.functionId}</a> <span class="muted small">v{d.version}</span></td>
                  <td>{d.attempts}</td><td class="small">{d.lastError}</td>
                  <td><Button busy={busy} busyLabel="Retrying" onClick={() => retry(d)}>Retry</Button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div class="row" style="margin-top: .5rem">
        <Button disabled={page === 0} onClick={() => setPage(page - 1)}>Newer</Button>
        <span class="muted small">{listing.data.total} in all</span>
        <Button disabled={(page + 1) * 20 >= listing.data.total} onClick={() => setPage(page + 1)}>Older</Button>
      </div>
    </div>
  );
}
