// LivePerson's home metrics: productive functions per event against the event's limit (per skill where it applies),
// counted from the deployed versions as the platform counts them, beside the breaches the API reports.

const EVERY_SKILL = '*';

/** Productive functions per event type and skill, from each function's active version. */
export function usage(eventTypes, functions, details) {
  const rows = [];
  for (const event of eventTypes) {
    const bound = functions.filter((f) => f.deployedVersion > 0 && (f.state === 'PRODUCTIVE' || f.state === 'MODIFIED'))
      .map((f) => ({ name: f.name, version: details[f.id] && details[f.id].deployed }))
      .filter((b) => b.version && b.version.eventType === event.id);
    if (bound.length === 0) {
      continue;
    }
    if (!event.supportsSkills) {
      rows.push({ event, skill: null, holders: bound.map((b) => b.name) });
      continue;
    }
    const skills = new Set([EVERY_SKILL]);
    bound.forEach((b) => (b.version.skills || []).forEach((s) => skills.add(s)));
    for (const skill of skills) {
      const holders = bound.filter((b) => (skill === EVERY_SKILL ? !(b.version.skills || []).length
        : !(b.version.skills || []).length || b.version.skills.includes(skill)));
      if (holders.length) {
        rows.push({ event, skill, holders: holders.map((b) => b.name) });
      }
    }
  }
  return rows;
}

export function Limits({ eventTypes, functions, details, breaches }) {
  const pending = functions.some((f) => f.deployedVersion > 0 && !details[f.id]);
  const rows = usage(eventTypes, functions, details);
  return (
    <div class="metric limits" data-testid="limits">
      <span class="label">Productive functions against each event's limit</span>
      {pending && <span class="muted small">counting…</span>}
      {!pending && rows.length === 0 && <span class="muted small">No productive function bound to an event.</span>}
      <ul>
        {rows.map((row) => (
          <li class={row.holders.length >= row.event.effectiveLimit ? 'full' : ''}>
            {row.event.displayName}{row.skill ? ` · skill ${row.skill === EVERY_SKILL ? 'all' : row.skill}` : ''}:
            {' '}<strong>{row.holders.length} / {row.event.effectiveLimit}</strong>
          </li>
        ))}
      </ul>
      {breaches.length > 0 && (
        <div class="problem small" role="alert">
          Over a lowered limit: {breaches.map((b) => `${b.eventType}${b.skill ? ' (skill ' + b.skill + ')' : ''} holds ${b.holders.length} of ${b.limit}: ${b.holders.join(', ')}`).join('; ')}
        </div>
      )}
    </div>
  );
}
