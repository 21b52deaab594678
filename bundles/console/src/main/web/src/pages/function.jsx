import { useState } from 'preact/hooks';
import { accountPath, del, get, put } from '../api.js';
import { href, navigate, useLeaveGuard } from '../router.js';
import { Button, Dialog, Pending, ProblemView, StateBadge, Tabs, useAction, useAsync } from '../ui.jsx';
import { codeDiagnostics } from '../editor/code-editor.jsx';
import { formOf, sameForm, specOf } from './function-spec.js';
import { CodeTab } from './function-code.jsx';
import { DeployTab } from './function-deploy.jsx';
import { InvokeTab } from './function-invoke.jsx';
import { InvocationsTab } from './function-invocations.jsx';
import { MonitorTab } from './function-monitor.jsx';

/**
 * One function, as AWS Lambda's function page: code, deploy, invoke and invocations as tabs. The edited draft lives
 * here, so switching tabs never loses it; leaving the function with unsaved changes asks first.
 */
export function FunctionPage({ id, tab }) {
  const loaded = useAsync(async () => {
    const [fn, eventTypes] = await Promise.all([get(accountPath(`/functions/${encodeURIComponent(id)}`)), get('/event-types')]);
    return { fn, eventTypes: eventTypes.items };
  }, [id]);
  const [form, setForm] = useState(null);
  const [diagnostics, setDiagnostics] = useState([]);
  // Bumped when the code is replaced from outside the editor (rollback, restore), so the editor shows it.
  const [codeRevision, setCodeRevision] = useState(0);
  const fn = loaded.data && loaded.data.fn;
  const current = form || (fn && formOf(fn));
  const dirty = !!(fn && form && !sameForm(form, formOf(fn)));
  useLeaveGuard(dirty, 'This function has unsaved changes. Leave and lose them?');
  const [save, saving, saveError, clearSaveError] = useAction(async () => {
    const sent = current;
    try {
      const saved = await put(accountPath(`/functions/${encodeURIComponent(fn.id)}`), specOf(sent, fn));
      loaded.setData((d) => ({ ...d, fn: saved }));
      // Edits typed while the save was on its way stay unsaved instead of being replaced by what was saved.
      setForm((latest) => (latest === null || sameForm(latest, sent) ? null : latest));
      setDiagnostics([]);
      return saved;
    } catch (error) {
      setDiagnostics(codeDiagnostics(error.problem));
      throw error;
    }
  });
  if (!fn) {
    return <Pending state={loaded} what="Loading the function" />;
  }
  const replaceFunction = (next, codeReplaced) => {
    loaded.setData((d) => ({ ...d, fn: next }));
    if (codeReplaced) {
      setForm(null);
      setCodeRevision((r) => r + 1);
    }
  };
  const base = `/functions/${encodeURIComponent(fn.id)}`;
  const shared = { fn, eventTypes: loaded.data.eventTypes, form: current, dirty, save, saving, replaceFunction, reload: loaded.reload, codeRevision };
  return (
    <section aria-labelledby="function-title">
      <div class="page-head">
        <h1 id="function-title">{fn.name}</h1>
        <StateBadge state={fn.state} detail={fn.statusDetail} />
        {dirty && <span class="badge state-modified" data-testid="unsaved">Unsaved changes</span>}
        <DeleteButton fn={fn} />
      </div>
      <p class="muted small">Function id <code data-testid="function-id">{fn.id}</code> · version {fn.deployedVersion > 0 ? `${fn.deployedVersion} deployed` : 'none deployed'}
        {fn.templateId ? <> · from template <code>{fn.templateId}</code></> : ''}</p>
      {fn.statusDetail && <p class="problem small" role="status">{fn.statusDetail}</p>}
      <Tabs label="Function" active={tab} tabs={[
        { id: 'code', label: 'Code', href: href(`${base}/code`) },
        { id: 'deploy', label: 'Deploy', href: href(`${base}/deploy`) },
        { id: 'invoke', label: 'Invoke', href: href(`${base}/invoke`) },
        { id: 'invocations', label: 'Invocations', href: href(`${base}/invocations`) },
        { id: 'monitor', label: 'Monitor', href: href(`${base}/monitor`) },
      ]} />
      {tab === 'code' && <CodeTab {...shared} setForm={setForm} diagnostics={diagnostics} saveError={saveError} clearSaveError={clearSaveError} />}
      {tab === 'deploy' && <DeployTab {...shared} />}
      {tab === 'invoke' && <InvokeTab {...shared} />}
      {tab === 'invocations' && <InvocationsTab {...shared} />}
      {tab === 'monitor' && <MonitorTab {...shared} />}
    </section>
  );
}

function DeleteButton({ fn }) {
  const [open, setOpen] = useState(false);
  const [remove, busy, error] = useAction(async () => {
    await del(accountPath(`/functions/${encodeURIComponent(fn.id)}`));
    setOpen(false);
    navigate('/functions');
  });
  return (
    <>
      <Button kind="danger" onClick={() => setOpen(true)}>Delete</Button>
      <Dialog open={open} title={`Delete ${fn.name}?`} onClose={() => setOpen(false)}>
        <p>The function, its versions and its bindings are deleted. This cannot be undone.</p>
        <ProblemView error={error} />
        <div class="row"><Button kind="danger" busy={busy} busyLabel="Deleting" onClick={remove}>Delete function</Button>
          <Button onClick={() => setOpen(false)}>Cancel</Button></div>
      </Dialog>
    </>
  );
}
