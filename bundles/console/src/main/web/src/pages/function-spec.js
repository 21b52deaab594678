// A function's editable settings as the form holds them, and the spec the API takes (PUT replaces the whole spec).

export function formOf(fn) {
  return {
    name: fn.name,
    description: fn.description || '',
    code: fn.code || '',
    eventType: fn.eventType || '',
    skills: (fn.skills || []).join(', '),
    timeoutMs: fn.timeoutMs === undefined || fn.timeoutMs === null ? '' : String(fn.timeoutMs),
    allowedDomains: (fn.allowedDomains || []).join('\n'),
    env: Object.entries(fn.env || {}).map(([key, value]) => ({ key, value })),
  };
}

export function specOf(form, fn) {
  const list = (text, separator) => text.split(separator).map((s) => s.trim()).filter(Boolean);
  const spec = {
    name: form.name.trim(),
    description: form.description,
    code: form.code,
    allowedDomains: list(form.allowedDomains, /[\n,]/),
    env: Object.fromEntries(form.env.filter((row) => row.key.trim()).map((row) => [row.key.trim(), row.value])),
  };
  if (form.eventType) {
    spec.eventType = form.eventType;
  }
  const skills = list(form.skills, ',');
  if (skills.length) {
    spec.skills = skills;
  }
  if (form.timeoutMs.trim()) {
    // Sent as typed; the API refuses what is not a positive integer within its maximum.
    spec.timeoutMs = /^\d+$/.test(form.timeoutMs.trim()) ? Number(form.timeoutMs.trim()) : form.timeoutMs.trim();
  }
  if (fn.templateId) {
    spec.templateId = fn.templateId;
    spec.templateVersion = fn.templateVersion;
  }
  return spec;
}

export function sameForm(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The settings besides the code that differ between two specs (a deployed version and the draft). */
export function settingChanges(before, after) {
  const fields = ['name', 'description', 'eventType', 'skills', 'timeoutMs', 'allowedDomains', 'env'];
  const show = (value) => (value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value));
  return fields.map((field) => ({ field, before: show(before && before[field]), after: show(after && after[field]) }))
    .filter((change) => change.before !== change.after);
}
