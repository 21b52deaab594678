import { useState } from 'preact/hooks';
import { accountPath, get, getAll, post } from '../api.js';
import { href, navigate } from '../router.js';
import { Button, KeyValueEditor, Pending, ProblemView, useAction, useAsync } from '../ui.jsx';

const NO_EVENT = 'none';
const STEPS = ['Event', 'Skills', 'Template', 'Allowed domains', 'Name'];

const BLANK_CODE = `async function lambda(input) {
  // input.payload is the event (or the caller's payload); input.headers the headers.
  console.info('called');
  return {};
}
`;

/** LivePerson's create wizard: event, skills, template, then name and description; what the API refuses is shown. */
export function CreatePage() {
  const catalogue = useAsync(async () => {
    const [eventTypes, functions] = await Promise.all([get('/event-types'), getAll(accountPath('/functions'))]);
    return { eventTypes: eventTypes.items, functions: functions.items };
  }, []);
  const [step, setStep] = useState(0);
  const [event, setEvent] = useState(null);
  const [skills, setSkills] = useState('');
  const [template, setTemplate] = useState(null);
  const [domains, setDomains] = useState('');
  if (!catalogue.data) {
    return <Pending state={catalogue} what="Loading the event catalogue" />;
  }
  const eventType = event && event !== NO_EVENT ? catalogue.data.eventTypes.find((e) => e.id === event) : null;
  const visibleSteps = STEPS.filter((s) => s !== 'Skills' || (eventType && eventType.supportsSkills));
  const current = visibleSteps[step];
  const next = () => setStep(step + 1);
  const back = () => setStep(step - 1);
  return (
    <section aria-labelledby="create-title">
      <div class="page-head"><h1 id="create-title">Create a function</h1><a href={href('/functions')}>Cancel</a></div>
      <ol class="steps" aria-label="Steps">
        {visibleSteps.map((s, i) => <li class={i === step ? 'current' : i < step ? 'done' : ''} aria-current={i === step ? 'step' : undefined}>{i + 1}. {s}</li>)}
      </ol>
      {current === 'Event' && <EventStep eventTypes={catalogue.data.eventTypes} functions={catalogue.data.functions} value={event}
        onChoose={(id) => { setEvent(id); setTemplate(null); }} onNext={next} />}
      {current === 'Skills' && <SkillsStep eventType={eventType} value={skills} onChange={setSkills} onBack={back} onNext={next} />}
      {current === 'Template' && <TemplateStep event={event} value={template} onChoose={(t) => { setTemplate(t); setDomains((t.requiredDomains || []).join('\n')); }} onBack={back} onNext={next} />}
      {current === 'Allowed domains' && <DomainsStep template={template} value={domains} onChange={setDomains} onBack={back} onNext={next} />}
      {current === 'Name' && <NameStep event={event} eventType={eventType} skills={skills} template={template} domains={domains} onBack={back} />}
    </section>
  );
}

function EventStep({ eventTypes, functions, value, onChoose, onNext }) {
  const productive = (id) => functions.filter((f) => f.eventType === id && (f.state === 'PRODUCTIVE' || f.state === 'MODIFIED')).length;
  return (
    <div>
      <p class="muted">Which event runs the function? The limit says how many productive functions of an account may react to it
        {' '}(per skill where the event supports skills).</p>
      <div class="choices" role="group" aria-label="Event">
        <button type="button" class="choice" aria-pressed={value === NO_EVENT ? 'true' : 'false'} onClick={() => onChoose(NO_EVENT)}>
          <strong>No event</strong><span class="muted small">Invoked directly (API, Conversation Builder, schedules).</span>
        </button>
        {eventTypes.map((e) => (
          <button type="button" class="choice" aria-pressed={value === e.id ? 'true' : 'false'} onClick={() => onChoose(e.id)} data-event={e.id}>
            <strong>{e.displayName}</strong>
            <span class="muted small">{e.description}</span>
            <div class="small">Limit {e.effectiveLimit}{e.supportsSkills ? ' per skill' : ''} · {productive(e.id)} productive now
              {' '}· {e.supportsSkills ? 'supports skills' : 'no skills'} · {e.mode === 'SYNC' ? 'synchronous' : 'asynchronous'}</div>
            <code class="small muted">{e.id}</code>
          </button>
        ))}
      </div>
      <div class="row" style="margin-top: 1rem"><Button kind="primary" disabled={!value} onClick={onNext}>Next</Button></div>
    </div>
  );
}

function SkillsStep({ eventType, value, onChange, onBack, onNext }) {
  return (
    <div class="form">
      <label>Skills of {eventType.displayName}
        <input name="skills" placeholder="e.g. sales, support (empty: every skill)" value={value} onInput={(e) => onChange(e.target.value)} />
      </label>
      <p class="muted small">The function reacts only to events of these skills (read at <code>{eventType.skillPointer}</code> in the payload);
        {' '}empty means every skill, and then it counts against the limit of every skill.</p>
      <div class="row"><Button onClick={onBack}>Back</Button><Button kind="primary" onClick={onNext}>Next</Button></div>
    </div>
  );
}

function TemplateStep({ event, value, onChoose, onBack, onNext }) {
  const templates = useAsync(() => get(`/templates?eventType=${encodeURIComponent(event)}`).then((t) => t.items), [event]);
  return (
    <div>
      <p class="muted">Start from a template of the live catalogue{event === NO_EVENT ? ' (templates without event)' : ' for this event'}, or from an empty function.</p>
      {!templates.data ? <Pending state={templates} what="Loading templates" /> : (
        <div class="choices" role="group" aria-label="Template">
          {templates.data.map((t) => (
            <button type="button" class="choice" aria-pressed={value && value.id === t.id ? 'true' : 'false'} onClick={() => onChoose(t)} data-template={t.id}>
              <strong>{t.name}{t.defaultForEvent ? ' (default)' : ''}</strong>
              <span class="muted small">{t.description}</span>
              {(t.requiredEnv.length > 0 || t.requiredSecrets.length > 0 || t.requiredDomains.length > 0) && (
                <div class="small">
                  {t.requiredEnv.length > 0 && <div>Needs variables: {t.requiredEnv.join(', ')}</div>}
                  {t.requiredSecrets.length > 0 && <div>Reads secrets: {t.requiredSecrets.join(', ')}</div>}
                  {t.requiredDomains.length > 0 && <div>Calls: {t.requiredDomains.join(', ')}</div>}
                </div>
              )}
            </button>
          ))}
          <button type="button" class="choice" aria-pressed={value && value.id === null ? 'true' : 'false'} onClick={() => onChoose({ id: null, name: 'Empty function', requiredEnv: [] })}>
            <strong>Empty function</strong><span class="muted small">A minimal lambda to write yourself.</span>
          </button>
        </div>
      )}
      <div class="row" style="margin-top: 1rem"><Button onClick={onBack}>Back</Button><Button kind="primary" disabled={!value} onClick={onNext}>Next</Button></div>
    </div>
  );
}

/** The hosts the function may call (its own allow-list), prefilled with what the template calls. */
function DomainsStep({ template, value, onChange, onBack, onNext }) {
  const account = useAsync(() => get(accountPath('/settings')), []);
  const shared = account.data ? account.data.allowedDomains : [];
  return (
    <div class="form">
      <label>Hosts the function may call, one per line
        <textarea name="allowedDomains" rows="4" placeholder="e.g. api.example.com" value={value} onInput={(e) => onChange(e.target.value)}
          data-testid="wizard-domains" />
      </label>
      <p class="muted small">HTTP calls of the toolbelt go only to these hosts and to the account's allow-list
        {shared.length ? <> (<span data-testid="wizard-account-domains">{shared.join(', ')}</span>)</> : ' (empty)'}; anything else is refused.
        {(template.requiredDomains || []).length > 0 && <> The template {template.name} calls {template.requiredDomains.join(', ')}.</>}</p>
      <ProblemView error={account.error} />
      <div class="row"><Button onClick={onBack}>Back</Button><Button kind="primary" onClick={onNext} data-testid="wizard-domains-next">Next</Button></div>
    </div>
  );
}

function NameStep({ event, eventType, skills, template, domains, onBack }) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [env, setEnv] = useState(template.requiredEnv.map((key) => ({ key, value: '' })));
  const [create, busy, error] = useAction(async (e) => {
    e.preventDefault();
    const skillList = skills.split(',').map((s) => s.trim()).filter(Boolean);
    const body = { name: name.trim(), description };
    if (eventType && eventType.supportsSkills) {
      body.skills = skillList;
    }
    body.allowedDomains = domains.split(/[\n,]/).map((d) => d.trim()).filter(Boolean);
    if (env.length) {
      body.env = Object.fromEntries(env.filter((r) => r.key).map((r) => [r.key, r.value]));
    }
    const created = template.id
      ? await post(accountPath('/functions/from-template'), { ...body, templateId: template.id })
      : await post(accountPath('/functions'), { ...body, code: BLANK_CODE, ...(event === 'none' ? {} : { eventType: event }) });
    navigate(`/functions/${created.id}/code`);
  });
  return (
    <form class="form" onSubmit={create}>
      <p class="muted">Event: <strong>{eventType ? eventType.displayName : 'No event'}</strong>
        {skills.trim() ? <> · skills <strong>{skills}</strong></> : ''} · template <strong>{template.name}</strong>
        {domains.trim() ? <> · may call <strong>{domains.split(/[\n,]/).map((d) => d.trim()).filter(Boolean).join(', ')}</strong></> : ''}</p>
      <label>Name <input name="name" required value={name} onInput={(e) => setName(e.target.value)} autofocus /></label>
      <label>Description <textarea name="description" rows="2" value={description} onInput={(e) => setDescription(e.target.value)} /></label>
      {template.requiredEnv.length > 0 && (
        <fieldset class="card"><legend>Environment variables the template needs</legend>
          <KeyValueEditor rows={env} onChange={setEnv} keyLabel="Variable" />
        </fieldset>
      )}
      <ProblemView error={error} />
      <div class="row"><Button onClick={onBack}>Back</Button><Button kind="primary" type="submit" busy={busy} busyLabel="Creating">Create function</Button></div>
    </form>
  );
}
