import { useState } from 'preact/hooks';
import { accountPath, get, post, put } from '../api.js';
import { time } from '../format.js';
import { DiffView } from '../editor/diff-view.jsx';
import { Button, Dialog, Pending, ProblemView, useAction, useAsync } from '../ui.jsx';
import { settingChanges } from './function-spec.js';

/** Deploy review (diff of the deployed version and the draft), undeploy, and the deployment history. */
export function DeployTab({ fn, dirty, save, saving, replaceFunction }) {
  const versions = useAsync(() => get(accountPath(`/functions/${encodeURIComponent(fn.id)}/versions`)).then((v) => v.items), [fn.id, fn.deployedVersion, fn.latestVersion]);
  if (!versions.data) {
    return <Pending state={versions} what="Loading versions" />;
  }
  const active = versions.data.find((v) => v.active);
  return (
    <div>
      <Review fn={fn} active={active} dirty={dirty} save={save} saving={saving} replaceFunction={replaceFunction} />
      <History fn={fn} versions={versions.data} dirty={dirty} replaceFunction={replaceFunction} />
    </div>
  );
}

function Review({ fn, active, dirty, save, saving, replaceFunction }) {
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState(null);
  const path = accountPath(`/functions/${encodeURIComponent(fn.id)}`);
  const [deploy, deploying, deployError, clearDeployError] = useAction(async () => {
    const deployed = await post(`${path}/deploy`);
    replaceFunction(deployed);
    setOpen(false);
    setDone(`Version ${deployed.deployedVersion} is productive.`);
  });
  const [undeploy, undeploying, undeployError] = useAction(async () => {
    const undeployed = await post(`${path}/undeploy`);
    replaceFunction(undeployed);
    setDone('Undeployed: no version runs any more.');
  });
  const changes = settingChanges(active, fn);
  const nothingNew = active && active.code === fn.code && changes.length === 0;
  return (
    <div class="card">
      <div class="page-head">
        <h2>Deploy</h2>
        <Button kind="primary" onClick={() => { clearDeployError(); setOpen(true); setDone(null); }} disabled={dirty} data-testid="review-deploy">Review and deploy</Button>
        {fn.deployedVersion > 0 && <Button kind="danger" busy={undeploying} busyLabel="Undeploying" onClick={undeploy}>Undeploy</Button>}
      </div>
      {dirty && (
        <p class="notice">The editor has unsaved changes. Save them first to deploy them.
          {' '}<Button busy={saving} busyLabel="Saving" onClick={save}>Save</Button></p>
      )}
      <p class="muted">{active ? `Version ${active.version} is deployed (${time(active.createdAt)}).` : 'No version is deployed.'}
        {' '}Deploying freezes the saved draft as a new version and makes it productive.</p>
      {done && <p class="success" role="status" data-testid="deploy-result">{done}</p>}
      <ProblemView error={undeployError} />
      <Dialog open={open} wide title="Review the deployment" onClose={() => setOpen(false)}>
        <DiffView before={active ? active.code : ''} after={fn.code} beforeLabel={active ? `Deployed: version ${active.version}` : 'Deployed: nothing'}
          afterLabel={`To deploy: version ${fn.latestVersion + 1} (the saved draft)`} testid="deploy-diff" />
        <ChangesTable changes={changes} />
        {nothingNew && <p class="notice">The draft is the same as the deployed version; deploying makes an identical new version.</p>}
        <ProblemView error={deployError} />
        <div class="row">
          <Button kind="primary" busy={deploying} busyLabel="Deploying" onClick={deploy} data-testid="approve-deploy">Approve & deploy</Button>
          <Button onClick={() => setOpen(false)}>Cancel</Button>
        </div>
      </Dialog>
    </div>
  );
}

function ChangesTable({ changes }) {
  if (changes.length === 0) {
    return <p class="muted small">No settings changed besides the code.</p>;
  }
  return (
    <table class="changes" aria-label="Settings changes">
      <thead><tr><th>Setting</th><th>Before</th><th>After</th></tr></thead>
      <tbody>{changes.map((c) => <tr><td>{c.field}</td><td class="before">{c.before}</td><td class="after">{c.after}</td></tr>)}</tbody>
    </table>
  );
}

function History({ fn, versions, dirty, replaceFunction }) {
  const sorted = [...versions].sort((a, b) => b.version - a.version);
  // Until chosen, the newest version compared with the one before it (also after a new deploy).
  const [choice, setChoice] = useState({});
  const left = choice.left || (sorted[1] || sorted[0] || {}).version;
  const right = choice.right || (sorted[0] || {}).version;
  const setLeft = (version) => setChoice({ ...choice, left: version });
  const setRight = (version) => setChoice({ ...choice, right: version });
  const [confirm, setConfirm] = useState(null);
  const [message, setMessage] = useState(null);
  const path = accountPath(`/functions/${encodeURIComponent(fn.id)}`);
  const [apply, busy, error, clearError] = useAction(async () => {
    const { action, version } = confirm;
    if (action === 'rollback') {
      replaceFunction(await post(`${path}/rollback`, { version: version.version }), true);
      setMessage(`Rolled back: version ${version.version} is productive again.`);
    } else {
      const { version: number, active, createdAt, ...spec } = version;
      const body = Object.fromEntries(Object.entries({ ...spec, templateId: fn.templateId, templateVersion: fn.templateVersion })
        .filter(([, value]) => value !== null && value !== undefined));
      const restored = await put(path, body);
      replaceFunction(restored, true);
      setMessage(`Restored version ${number} into the draft; it is not deployed.`);
    }
    setConfirm(null);
  });
  if (sorted.length === 0) {
    return <div class="card" style="margin-top: 1rem"><h2>Deployment history</h2><p class="muted">Nothing was deployed yet.</p></div>;
  }
  const byNumber = (n) => versions.find((v) => v.version === Number(n));
  return (
    <div class="card" style="margin-top: 1rem">
      <h2>Deployment history</h2>
      {message && <p class="success" role="status" data-testid="history-result">{message}</p>}
      <div class="table-wrap">
        <table data-testid="versions">
          <thead><tr><th>Version</th><th>Deployed</th><th>Name</th><th>Description</th><th>Actions</th></tr></thead>
          <tbody>
            {sorted.map((v) => (
              <tr class={v.active ? 'selected' : ''}>
                <td>v{v.version} {v.active && <span class="badge state-productive">active</span>}</td>
                <td>{time(v.createdAt)}</td>
                <td>{v.name}</td>
                <td>{v.description}</td>
                <td class="row">
                  {!v.active && <Button onClick={() => { clearError(); setConfirm({ action: 'rollback', version: v }); }} data-testid={`rollback-${v.version}`}>Roll back</Button>}
                  <Button onClick={() => { clearError(); setConfirm({ action: 'restore', version: v }); }} data-testid={`restore-${v.version}`}>Restore to draft</Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3 style="margin-left: 0">Compare two versions</h3>
      <div class="row">
        <label>From <select value={left} onChange={(e) => setLeft(Number(e.target.value))} data-testid="compare-from">{sorted.map((v) => <option value={v.version}>v{v.version}</option>)}</select></label>
        <label>To <select value={right} onChange={(e) => setRight(Number(e.target.value))} data-testid="compare-to">{sorted.map((v) => <option value={v.version}>v{v.version}</option>)}</select></label>
      </div>
      {byNumber(left) && byNumber(right) && (
        <>
          <DiffView before={byNumber(left).code} after={byNumber(right).code} beforeLabel={`v${left}`} afterLabel={`v${right}`} testid="versions-diff" />
          <ChangesTable changes={settingChanges(byNumber(left), byNumber(right))} />
        </>
      )}
      <Dialog open={!!confirm} title={confirm ? (confirm.action === 'rollback' ? `Roll back to version ${confirm.version.version}?` : `Restore version ${confirm.version.version} into the draft?`) : ''}
        onClose={() => setConfirm(null)}>
        {confirm && confirm.action === 'rollback' && <p>Version {confirm.version.version} becomes productive at once, and its settings become the draft's.</p>}
        {confirm && confirm.action === 'restore' && <p>The draft gets the code and settings of version {confirm.version.version}. Nothing is deployed; deploy when ready.</p>}
        {dirty && <p class="notice">The editor's unsaved changes will be replaced.</p>}
        <ProblemView error={error} />
        <div class="row">
          <Button kind="primary" busy={busy} busyLabel={confirm && confirm.action === 'rollback' ? 'Rolling back' : 'Restoring'} onClick={apply} data-testid="confirm-history">
            {confirm && confirm.action === 'rollback' ? 'Roll back' : 'Restore'}</Button>
          <Button onClick={() => setConfirm(null)}>Cancel</Button>
        </div>
      </Dialog>
    </div>
  );
}
