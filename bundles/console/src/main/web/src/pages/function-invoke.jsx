import { useState } from 'preact/hooks';
import { accountPath, ApiError, get, post } from '../api.js';
import { duration } from '../format.js';
import { CodeEditor } from '../editor/code-editor.jsx';
import { Button, JsonBlock, KeyValueEditor, LogLines, OutcomeBadge, ProblemView, useAction } from '../ui.jsx';

/**
 * LivePerson's "Invoke your Function" screen: the function's id, editable headers and payload (the event's sample to
 * start with), then result, outcome, duration and logs side by side. Runs the saved draft or the deployed version.
 */
export function InvokeTab({ fn, eventTypes, dirty }) {
  const eventType = eventTypes.find((e) => e.id === fn.eventType);
  const sample = eventType ? JSON.stringify(eventType.samplePayload, null, 2) : '{}';
  const [payload, setPayload] = useState(sample);
  const [payloadRevision, setPayloadRevision] = useState(0);
  const [headers, setHeaders] = useState([]);
  const [outcome, setOutcome] = useState(null);
  const [record, setRecord] = useState(null);
  const [run, running, error] = useAction(async (which) => {
    let parsed;
    try {
      parsed = JSON.parse(payload);
    } catch (e) {
      throw new Error(`The payload is not JSON: ${e.message}`);
    }
    setOutcome(null);
    setRecord(null);
    const started = performance.now();
    const path = accountPath(`/functions/${encodeURIComponent(fn.id)}/${which === 'draft' ? 'invoke-draft' : 'invoke'}`);
    const answer = await post(path, { headers: headers.filter((h) => h.key).map(({ key, value }) => ({ key, value })), payload: parsed });
    setOutcome({ ...answer, roundTripMs: Math.round(performance.now() - started), which });
    setRecord((await recorded(answer.invocationId)) || false);
  });
  return (
    <div class="invoke-layout">
      <div class="card form" style="max-width: none">
        <p class="small">Function id <code>{fn.id}</code></p>
        <div><strong class="small">Headers</strong><KeyValueEditor rows={headers} onChange={setHeaders} keyLabel="Header" testid="invoke-headers" /></div>
        <div>
          <div class="row"><strong class="small">Payload</strong>
            {eventType && <span class="muted small">prefilled with the sample of {eventType.displayName}</span>}
            {payload !== sample && <button type="button" class="link small" onClick={() => { setPayload(sample); setPayloadRevision(payloadRevision + 1); }}>Reset to sample</button>}
          </div>
          <CodeEditor value={payload} revision={payloadRevision} onChange={setPayload} label="Invocation payload (JSON)" short testid="payload-editor" />
        </div>
        {dirty && <p class="notice small">The editor has unsaved changes: “Run draft” runs the draft as last saved.</p>}
        <div class="row">
          <Button kind="primary" busy={running} busyLabel="Running" onClick={() => run('draft')} data-testid="run-draft">Run draft</Button>
          <Button busy={running} busyLabel="Running" onClick={() => run('deployed')} disabled={fn.deployedVersion === 0}
            title={fn.deployedVersion === 0 ? 'Nothing is deployed yet' : undefined} data-testid="run-deployed">
            Run deployed version{fn.deployedVersion > 0 ? ` (v${fn.deployedVersion})` : ''}</Button>
        </div>
        {fn.deployedVersion === 0 && <p class="muted small">No version is deployed: only the draft can run.</p>}
      </div>
      <div class="invoke-output" aria-live="polite">
        <ProblemView error={error} />
        {!outcome && !error && <p class="muted">Run the function to see its result and logs here.</p>}
        {outcome && (
          <div class="card" data-testid="invoke-result">
            <dl class="inline">
              <dt>Outcome</dt><dd><OutcomeBadge outcome={outcome.outcome} /></dd>
              <dt>Ran</dt><dd>{outcome.version === 0 ? 'the draft (recorded as a test invocation)' : `version ${outcome.version}`}</dd>
              <dt>Duration</dt><dd data-testid="invoke-duration">{record ? duration(record.durationMs) : record === false ? 'not recorded' : 'waiting for the record…'}
                <span class="muted small"> (round trip {duration(outcome.roundTripMs)})</span></dd>
              <dt>Invocation</dt><dd><code>{outcome.invocationId}</code></dd>
            </dl>
            <div class="result-grid">
              <div><h3 style="margin-left: 0">{outcome.error ? 'Error' : 'Result'}</h3><JsonBlock value={outcome.error || outcome.result} testid="invoke-output" /></div>
              <div><h3 style="margin-left: 0">Logs</h3><LogLines logs={outcome.logs} testid="invoke-logs" /></div>
            </div>
          </div>
        )}
      </div>
    </div>
  );
}

/** The stored record of an invocation (it carries the duration); written just after the answer, so asked again briefly. */
async function recorded(invocationId) {
  const deadline = Date.now() + 5000;
  for (let wait = 100; ; wait = Math.min(wait * 2, 1000)) {
    try {
      return await get(accountPath(`/invocations/${encodeURIComponent(invocationId)}`));
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 404 || Date.now() > deadline) {
        return null;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}
