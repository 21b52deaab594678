import { useState } from 'preact/hooks';
import { CodeEditor } from '../editor/code-editor.jsx';
import { Button, JsonBlock, KeyValueEditor, ProblemView } from '../ui.jsx';

/** The editor with LivePerson's sidebar: settings, and the event's sample payload read-only. */
export function CodeTab({ fn, eventTypes, form, setForm, dirty, save, saving, saveError, clearSaveError, diagnostics, codeRevision }) {
  const [side, setSide] = useState('settings');
  const eventType = eventTypes.find((e) => e.id === form.eventType);
  // Functional updates: several edits may arrive between two renders (fast typing).
  const update = (field, value) => setForm((latest) => ({ ...(latest || form), [field]: value }));
  return (
    <div class="editor-layout">
      <div class="editor-main">
        <div class="editor-toolbar">
          <Button kind="primary" busy={saving} busyLabel="Saving" onClick={save} disabled={!dirty && !saving} data-testid="save">Save</Button>
          <span class="muted small">Ctrl-S saves · Ctrl-Space completes · Escape then Tab leaves the editor</span>
          <span class="status small" role="status" data-testid="save-status">
            {dirty ? 'Unsaved changes' : fn.state === 'MODIFIED' ? 'Saved; the deployed version is older' : 'Saved'}
          </span>
        </div>
        <CodeEditor value={form.code} revision={codeRevision} onChange={(code) => update('code', code)} onSave={() => dirty && save()} diagnostics={diagnostics}
          completionContext={() => ({ samplePayload: eventType && eventType.samplePayload, env: Object.fromEntries(form.env.map((r) => [r.key, r.value])) })} />
        <ProblemView error={saveError} onClose={clearSaveError} />
      </div>
      <aside class="sidebar" aria-label="Function sidebar">
        <nav class="tabs" aria-label="Sidebar">
          <a href="#" class={side === 'settings' ? 'active' : ''} aria-current={side === 'settings' ? 'page' : undefined}
            onClick={(e) => { e.preventDefault(); setSide('settings'); }}>Settings</a>
          <a href="#" class={side === 'payload' ? 'active' : ''} aria-current={side === 'payload' ? 'page' : undefined}
            onClick={(e) => { e.preventDefault(); setSide('payload'); }} data-testid="payload-tab">Payload</a>
        </nav>
        {side === 'settings' ? (
          <div class="form">
            <label>Name <input value={form.name} onInput={(e) => update('name', e.target.value)} /></label>
            <label>Event
              <select value={form.eventType} onChange={(e) => setForm((latest) => ({ ...(latest || form), eventType: e.target.value, skills: '' }))}>
                <option value="">No event (invoked directly)</option>
                {eventTypes.map((e) => <option value={e.id}>{e.displayName}</option>)}
                {form.eventType && !eventType && <option value={form.eventType}>{form.eventType} (not installed)</option>}
              </select>
            </label>
            {eventType && eventType.supportsSkills && (
              <label>Skills <input placeholder="empty: every skill" value={form.skills} onInput={(e) => update('skills', e.target.value)} /></label>
            )}
            <label>Description <textarea rows="2" value={form.description} onInput={(e) => update('description', e.target.value)} /></label>
            <div><strong class="small">Environment variables</strong>
              <KeyValueEditor rows={form.env} onChange={(env) => update('env', env)} keyLabel="Variable" testid="env" /></div>
            <label>Allowed domains <textarea rows="3" placeholder="one host per line, e.g. api.example.com or *.example.com"
              value={form.allowedDomains} onInput={(e) => update('allowedDomains', e.target.value)} /></label>
            <label>Timeout (ms) <input inputMode="numeric" value={form.timeoutMs} onInput={(e) => update('timeoutMs', e.target.value)} /></label>
          </div>
        ) : (
          <div data-testid="sample-payload">
            {eventType ? (
              <>
                <p class="muted small">The payload of <strong>{eventType.displayName}</strong> as the function receives it in <code>input.payload</code> (sample, read-only).</p>
                <JsonBlock value={eventType.samplePayload} />
              </>
            ) : <p class="muted small">{form.eventType ? `Event ${form.eventType} is not installed.` : 'A function without event gets the payload its caller sends.'}</p>}
          </div>
        )}
      </aside>
    </div>
  );
}
