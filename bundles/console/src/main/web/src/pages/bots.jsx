import { useState } from 'preact/hooks';
import { accountPath, del, get, getAll, post, put } from '../api.js';
import { time } from '../format.js';
import { href } from '../router.js';
import { Button, Dialog, Pending, ProblemView, useAction, useAsync } from '../ui.jsx';

const VENDORS = ['faas', 'dialogflowv2', 'lex', 'microsoft', 'watson', 'watsonv2'];
const PRODUCTIVE = new Set(['PRODUCTIVE', 'MODIFIED']);

/**
 * Third-Party Bots of the account: each bot names, per event that selects by bot, the one function it runs (LivePerson's
 * bot configuration picks one function; Switchboard's bot webhooks follow it).
 */
export function Bots() {
  const state = useAsync(async () => {
    const [bots, functions, eventTypes] = await Promise.all([getAll(accountPath('/bots')), getAll(accountPath('/functions')), get('/event-types')]);
    return { bots: bots.items, functions: functions.items, events: eventTypes.items.filter((e) => e.selection === 'BOT') };
  }, []);
  const [editing, setEditing] = useState(null);
  const [removing, setRemoving] = useState(null);
  const [message, setMessage] = useState(null);
  if (!state.data) {
    return <Pending state={state} what="Loading bots" />;
  }
  const { bots, functions, events } = state.data;
  const names = Object.fromEntries(functions.map((f) => [f.id, f.name]));
  const eventNames = Object.fromEntries(events.map((e) => [e.id, e.displayName]));
  const done = (text) => { setEditing(null); setRemoving(null); setMessage(text); state.reload(); };
  return (
    <div>
      <div class="row" style="margin-bottom: .75rem">
        <Button kind="primary" onClick={() => setEditing({})} data-testid="add-bot">Add bot</Button>
        <span class="muted small">A bot's webhooks (<code>/events/third-party-bots/bots/&#123;botId&#125;/…</code>) run the productive function it names for each event.</span>
      </div>
      {message && <p class="success" role="status">{message}</p>}
      {bots.length === 0 ? <p class="empty">No bots.</p> : (
        <div class="table-wrap">
          <table data-testid="bots">
            <thead><tr><th>Bot</th><th>Vendor</th><th>Functions</th><th>Updated</th><th>Actions</th></tr></thead>
            <tbody>{bots.map((b) => (
              <tr>
                <td><code>{b.id}</code></td><td>{b.vendor}</td>
                <td class="small">{Object.entries(b.functions || {}).map(([event, fn]) => (
                  <div>{eventNames[event] || event}: <a href={href(`/functions/${fn}/code`)}>{names[fn] || fn}</a></div>))}</td>
                <td>{time(b.updatedAt)}</td>
                <td class="row"><Button onClick={() => setEditing(b)}>Edit</Button><Button kind="danger" onClick={() => setRemoving(b)}>Delete</Button></td>
              </tr>
            ))}</tbody>
          </table>
        </div>
      )}
      {editing && <BotDialog bot={editing} events={events} functions={functions} onClose={() => setEditing(null)} onSaved={done} />}
      <DeleteBot bot={removing} onClose={() => setRemoving(null)} onDeleted={done} />
    </div>
  );
}

function BotDialog({ bot, events, functions, onClose, onSaved }) {
  const existing = !!bot.id;
  const [id, setId] = useState(bot.id || '');
  const [vendor, setVendor] = useState(bot.vendor || 'faas');
  const [chosen, setChosen] = useState({ ...(bot.functions || {}) });
  const [save, busy, error] = useAction(async (e) => {
    e.preventDefault();
    const body = { vendor, functions: Object.fromEntries(Object.entries(chosen).filter(([, fn]) => fn)) };
    if (existing) {
      await put(accountPath(`/bots/${encodeURIComponent(bot.id)}`), body);
    } else {
      await post(accountPath('/bots'), { id: id.trim(), ...body });
    }
    onSaved(`Bot ${existing ? bot.id : id.trim()} saved.`);
  });
  return (
    <Dialog open title={existing ? `Edit bot ${bot.id}` : 'Add a bot'} onClose={onClose}>
      <form class="form" onSubmit={save}>
        {!existing && <label>Bot id <input name="bot-id" required value={id} onInput={(e) => setId(e.target.value)} /></label>}
        <label>Vendor <select value={vendor} onChange={(e) => setVendor(e.target.value)}>{VENDORS.map((v) => <option value={v}>{v}</option>)}</select></label>
        {events.map((event) => {
          const candidates = functions.filter((f) => f.eventType === event.id && PRODUCTIVE.has(f.state));
          return (
            <label>{event.displayName}
              <select value={chosen[event.id] || ''} onChange={(e) => setChosen({ ...chosen, [event.id]: e.target.value })}>
                <option value="">none</option>
                {candidates.map((f) => <option value={f.id}>{f.name}</option>)}
                {chosen[event.id] && !candidates.some((f) => f.id === chosen[event.id]) && <option value={chosen[event.id]}>{chosen[event.id]} (not productive)</option>}
              </select>
            </label>
          );
        })}
        {events.length === 0 && <p class="notice small">No installed event selects its function by bot.</p>}
        <ProblemView error={error} />
        <div class="row"><Button kind="primary" type="submit" busy={busy} busyLabel="Saving">Save bot</Button><Button onClick={onClose}>Cancel</Button></div>
      </form>
    </Dialog>
  );
}

function DeleteBot({ bot, onClose, onDeleted }) {
  const [remove, busy, error] = useAction(async () => {
    await del(accountPath(`/bots/${encodeURIComponent(bot.id)}`));
    onDeleted(`Bot ${bot.id} deleted.`);
  });
  return (
    <Dialog open={!!bot} title={`Delete bot ${bot && bot.id}?`} onClose={onClose}>
      <p>The bot and its function selection are deleted; its webhooks run no function of this account any more.</p>
      <ProblemView error={error} />
      <div class="row"><Button kind="danger" busy={busy} busyLabel="Deleting" onClick={remove}>Delete bot</Button><Button onClick={onClose}>Cancel</Button></div>
    </Dialog>
  );
}
