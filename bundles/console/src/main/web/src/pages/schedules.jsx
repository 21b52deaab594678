import { useState } from 'preact/hooks';
import { accountPath, del, get, getAll, post, put } from '../api.js';
import { time } from '../format.js';
import { href } from '../router.js';
import { Button, Dialog, KeyValueEditor, Pending, ProblemView, useAction, useAsync } from '../ui.jsx';

const DEPLOYED = new Set(['PRODUCTIVE', 'MODIFIED']);

/** LivePerson's "Schedule an Invocation": deployed functions run on a cron expression in a time zone. */
export function Schedules() {
  const state = useAsync(async () => {
    const [schedules, functions] = await Promise.all([get(accountPath('/schedules')), getAll(accountPath('/functions'))]);
    return { schedules: schedules.items, functions: functions.items };
  }, []);
  const [editing, setEditing] = useState(null);
  const [removing, setRemoving] = useState(null);
  const [message, setMessage] = useState(null);
  const [toggle, toggling, toggleError] = useAction(async (schedule) => {
    const updated = await put(accountPath(`/schedules/${encodeURIComponent(schedule.id)}`), body(schedule, { isActive: !schedule.isActive }));
    setMessage(updated.isActive ? 'Schedule resumed.' : 'Schedule paused.');
    state.reload();
  });
  if (!state.data) {
    return <Pending state={state} what="Loading schedules" />;
  }
  const names = Object.fromEntries(state.data.functions.map((f) => [f.id, f.name]));
  const deployed = state.data.functions.filter((f) => DEPLOYED.has(f.state));
  const saved = (text) => { setEditing(null); setRemoving(null); setMessage(text); state.reload(); };
  return (
    <div>
      <div class="row" style="margin-bottom: .75rem">
        <Button kind="primary" onClick={() => setEditing({})} disabled={deployed.length === 0} data-testid="add-schedule">Schedule an invocation</Button>
        <span class="muted small">A schedule invokes a deployed function's deployed version; undeploying or deleting the function deletes its schedules.
          {deployed.length === 0 ? ' Deploy a function first.' : ''}</span>
      </div>
      {message && <p class="success" role="status">{message}</p>}
      <ProblemView error={toggleError} />
      {state.data.schedules.length === 0 ? <p class="empty">No schedules.</p> : (
        <div class="table-wrap">
          <table data-testid="schedules">
            <thead><tr><th>Function</th><th>Cron</th><th>Description</th><th>Last run</th><th>Next run</th><th>State</th><th>Actions</th></tr></thead>
            <tbody>{state.data.schedules.map((s) => (
              <tr>
                <td><a href={href(`/functions/${s.functionUuid}/invocations`)}>{names[s.functionUuid] || s.functionUuid}</a></td>
                <td><code>{s.cronExpression}</code><div class="muted small">{s.timeZone}</div></td>
                <td class="small">{s.description}</td>
                <td>{s.lastExecution ? <>{time(s.lastExecution)} <span class={`badge ${s.didLastExecutionFail ? 'failure' : 'outcome-ok'}`}>{s.didLastExecutionFail ? 'failed' : 'ok'}</span></> : <span class="muted">never</span>}</td>
                <td>{s.nextExecution ? time(s.nextExecution) : <span class="muted">–</span>}</td>
                <td>{s.isActive ? <span class="badge state-productive">active</span> : <span class="badge state-undeployed">paused</span>}</td>
                <td class="row">
                  <Button busy={toggling} onClick={() => toggle(s)}>{s.isActive ? 'Pause' : 'Resume'}</Button>
                  <Button onClick={() => setEditing(s)}>Edit</Button>
                  <Button kind="danger" onClick={() => setRemoving(s)}>Delete</Button>
                </td>
              </tr>
            ))}</tbody>
          </table>
        </div>
      )}
      {editing && <ScheduleDialog schedule={editing} functions={deployed} onClose={() => setEditing(null)} onSaved={saved} />}
      <DeleteSchedule schedule={removing} name={removing && names[removing.functionUuid]} onClose={() => setRemoving(null)} onDeleted={saved} />
    </div>
  );
}

/** The writable fields of a schedule (PUT replaces it whole). */
function body(schedule, changes = {}) {
  const { functionUuid, cronExpression, timeZone, isActive, description, invocationBody } = { ...schedule, ...changes };
  return { functionUuid, cronExpression, timeZone, isActive, description, invocationBody };
}

function ScheduleDialog({ schedule, functions, onClose, onSaved }) {
  const existing = !!schedule.id;
  const [functionUuid, setFunction] = useState(schedule.functionUuid || (functions[0] && functions[0].id) || '');
  const [cron, setCron] = useState(schedule.cronExpression || '0 9 * * 1-5');
  const [zone, setZone] = useState(schedule.timeZone || 'Etc/UTC');
  const [description, setDescription] = useState(schedule.description || '');
  const initialBody = schedule.invocationBody || {};
  const [headers, setHeaders] = useState(headerRows(initialBody.headers));
  const [payload, setPayload] = useState(JSON.stringify(initialBody.payload === undefined ? {} : initialBody.payload, null, 2));
  const [save, busy, error] = useAction(async (e) => {
    e.preventDefault();
    let parsed;
    try {
      parsed = JSON.parse(payload);
    } catch (failure) {
      throw new Error(`The payload is not JSON: ${failure.message}`);
    }
    const request = body(schedule, {
      functionUuid, cronExpression: cron.trim(), timeZone: zone.trim() || undefined, description,
      isActive: existing ? schedule.isActive : true,
      invocationBody: { headers: headers.filter((h) => h.key).map(({ key, value }) => ({ key, value })), payload: parsed },
    });
    if (existing) {
      await put(accountPath(`/schedules/${encodeURIComponent(schedule.id)}`), request);
    } else {
      await post(accountPath('/schedules'), request);
    }
    onSaved(existing ? 'Schedule saved.' : 'Schedule created.');
  });
  return (
    <Dialog open title={existing ? 'Edit the schedule' : 'Schedule an invocation'} onClose={onClose}>
      <form class="form" onSubmit={save}>
        <label>Function
          <select value={functionUuid} onChange={(e) => setFunction(e.target.value)} required>
            {functions.map((f) => <option value={f.id}>{f.name}</option>)}
          </select>
        </label>
        <label>Cron expression (minute hour day month weekday) <input name="cron" required value={cron} onInput={(e) => setCron(e.target.value)} /></label>
        <label>Time zone <input name="timeZone" placeholder="Etc/UTC" value={zone} onInput={(e) => setZone(e.target.value)} /></label>
        <label>Description <input name="description" value={description} onInput={(e) => setDescription(e.target.value)} /></label>
        <div><strong class="small">Headers</strong><KeyValueEditor rows={headers} onChange={setHeaders} keyLabel="Header" /></div>
        <label>Payload (JSON) <textarea rows="5" value={payload} onInput={(e) => setPayload(e.target.value)} /></label>
        <ProblemView error={error} />
        <div class="row"><Button kind="primary" type="submit" busy={busy} busyLabel="Saving">{existing ? 'Save schedule' : 'Create schedule'}</Button>
          <Button onClick={onClose}>Cancel</Button></div>
      </form>
    </Dialog>
  );
}

function headerRows(headers) {
  if (Array.isArray(headers)) {
    return headers.map((h) => ({ key: h.key, value: h.value }));
  }
  return Object.entries(headers || {}).map(([key, value]) => ({ key, value: String(value) }));
}

function DeleteSchedule({ schedule, name, onClose, onDeleted }) {
  const [remove, busy, error] = useAction(async () => {
    await del(accountPath(`/schedules/${encodeURIComponent(schedule.id)}`));
    onDeleted('Schedule deleted.');
  });
  return (
    <Dialog open={!!schedule} title="Delete the schedule?" onClose={onClose}>
      <p>{schedule && `${name || schedule.functionUuid} will no longer run on ${schedule.cronExpression}.`}</p>
      <ProblemView error={error} />
      <div class="row"><Button kind="danger" busy={busy} busyLabel="Deleting" onClick={remove}>Delete schedule</Button><Button onClick={onClose}>Cancel</Button></div>
    </Dialog>
  );
}
