// The console's journeys (issue 15) end to end: the packaged distribution started by bin/switchboard, driven in
// Debian's chromium through the console only (the API is called directly for setup and to check what the console
// claims). Each step leaves a screenshot under target/console-screenshots/.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { ACCOUNT, startSwitchboard, until } from '../support/switchboard.mjs';
import { camera, openBrowser, openPage } from '../support/browser.mjs';

const TARGET = process.env.CONSOLE_TEST_TARGET || join(process.cwd(), 'target');
const shot = camera(join(TARGET, 'console-screenshots'), 'console');

const WORKING_CODE = `const { Toolbelt } = require('lp-faas-toolbelt');

async function lambda(input) {
  console.info('journey called', { greeting: process.env.GREETING });
  return { greeting: process.env.GREETING, fields: Object.keys(input.payload).sort() };
}
`;

let failurePage = null;

/**
 * A journey step with its own deadline, so a hang fails that step with its name instead of stalling the run; a failed
 * step leaves a screenshot of the page as it was.
 */
const journey = (name, fn) => test(name, { timeout: 120_000 }, async (context) => {
  try {
    await fn(context);
  } catch (error) {
    await failurePage?.screenshot({ path: join(TARGET, 'console-screenshots', `FAILED-${name.replace(/[^A-Za-z0-9]+/g, '-')}.png`) }).catch(() => {});
    throw error;
  }
});

describe('Switchboard console', () => {
  let switchboard;
  let browser;
  let page;
  let bot;
  let botTemplate;

  before(async () => {
    switchboard = await startSwitchboard(join(TARGET, 'console-work'));
    browser = await openBrowser();
    page = await openPage(browser, switchboard.base);
    failurePage = page;
    const eventTypes = (await switchboard.api('GET', '/event-types')).items;
    bot = eventTypes.find((e) => e.id.endsWith('custom_integration'));
    assert.ok(bot, 'the distribution provides the Third-Party Bots custom integration event');
    botTemplate = (await switchboard.api('GET', `/templates?eventType=${bot.id}`)).items.find((t) => t.defaultForEvent);
    assert.ok(botTemplate, `event ${bot.id} has a default template`);
  });

  after(async () => {
    await browser?.close();
    switchboard?.stop();
  });

  const noProblems = () => assert.deepEqual(page.problems.splice(0), [], 'no page errors, CSP violations or requests leaving the server');
  const editor = () => page.locator('[data-testid=code-editor] .cm-content');
  const replaceCode = async (code) => {
    await editor().click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(code);
  };
  const nav = (name) => page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name, exact: true });
  const openTab = (name) => page.locator('nav.tabs a', { hasText: new RegExp(`^${name}$`) }).first().click();

  journey('signs in with an account key, refuses a wrong one, and keeps the key in the tab session only', async () => {
    await page.goto(`${switchboard.base}/console/`);
    await page.getByLabel('API key').waitFor();
    await shot(page, 'sign-in');

    await page.getByLabel('API key').fill('not-a-key');
    await page.getByLabel('Account').fill(ACCOUNT);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('problem').getByText('401').waitFor();
    await shot(page, 'sign-in-refused');

    await page.getByLabel('API key').fill(switchboard.accountKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Functions' }).waitFor();
    assert.match(await page.getByTestId('account').innerText(), new RegExp(`Account\\s+${ACCOUNT}`));
    const storage = await page.evaluate(() => ({ session: JSON.stringify(sessionStorage), local: localStorage.length, cookies: document.cookie }));
    assert.ok(storage.session.includes(switchboard.accountKey), 'the key is in sessionStorage');
    assert.equal(storage.local, 0);
    assert.equal(storage.cookies, '');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API key').waitFor();
    assert.equal(await page.evaluate(() => sessionStorage.length), 0, 'signing out forgets the key');
    noProblems();
  });

  journey('lets the admin sign in and pick the account', async () => {
    await page.getByLabel('API key').fill(switchboard.adminKey);
    await page.getByLabel('Account').fill('');
    await page.getByRole('button', { name: 'Sign in' }).click();
    // The admin key lists the accounts (GET /accounts): the configured account key makes acme one of them.
    const picker = page.getByRole('combobox', { name: /Account \(admin key: pick one\)/ });
    await picker.waitFor();
    await picker.selectOption(ACCOUNT);
    await shot(page, 'sign-in-admin');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Functions' }).waitFor();
    assert.match(await page.getByTestId('account').innerText(), /Admin/);
    noProblems();
  });

  journey('creates a function from a template with the wizard, showing what the API refuses', async () => {
    await switchboard.api('POST', `/accounts/${ACCOUNT}/functions`, { name: 'taken', code: 'async function lambda(input) { return null; }' });
    await page.getByRole('link', { name: 'Create function' }).click();
    await page.locator(`[data-event="${bot.id}"]`).click();
    await shot(page, 'create-event');
    await page.getByRole('button', { name: 'Next' }).click();
    if (bot.supportsSkills) {
      await page.getByLabel(/Skills of/).waitFor();
      await page.getByRole('button', { name: 'Next' }).click();
    }
    await page.locator(`[data-template="${botTemplate.id}"]`).click();
    await shot(page, 'create-template');
    await page.getByRole('button', { name: 'Next' }).click();

    // The allow-list step: prefilled with what the template calls, the function's own hosts added to it.
    const domains = page.getByTestId('wizard-domains');
    await domains.waitFor();
    assert.equal(await domains.inputValue(), (botTemplate.requiredDomains || []).join('\n'));
    await domains.fill([...(botTemplate.requiredDomains || []), 'api.journey.example'].join('\n'));
    await shot(page, 'create-domains');
    await page.getByTestId('wizard-domains-next').click();

    await page.getByLabel('Name').fill('taken');
    await page.getByLabel('Description').fill('Answers the bot conversation');
    await page.getByRole('button', { name: 'Create function' }).click();
    await page.getByTestId('problem').getByText('409').waitFor();
    assert.match(await page.getByTestId('problem').innerText(), /taken/);
    await shot(page, 'create-refused');

    await page.getByLabel('Name').fill('journey-bot');
    await page.getByRole('button', { name: 'Create function' }).click();
    await page.getByRole('heading', { name: 'journey-bot' }).waitFor();
    assert.equal(await page.getByTestId('state').first().innerText(), 'Draft');
    const created = (await switchboard.api('GET', `/accounts/${ACCOUNT}/functions?page=0&size=100`)).items.find((f) => f.name === 'journey-bot');
    assert.ok(created.allowedDomains.includes('api.journey.example'), `the wizard's allow-list is the function's: ${created.allowedDomains}`);
    await editor().getByText('lambda').first().waitFor();
    await shot(page, 'editor');
    noProblems();
  });

  journey("shows the event's sample payload read-only in the sidebar", async () => {
    await page.getByTestId('payload-tab').click();
    const sample = page.getByTestId('sample-payload');
    for (const field of Object.keys(bot.samplePayload).slice(0, 3)) {
      await sample.getByText(`"${field}"`).first().waitFor();
    }
    await shot(page, 'sample-payload');
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    noProblems();
  });

  journey('completes payload fields, shows the check on save refusing a syntax error inline, and never loses unsaved changes silently', async () => {
    await editor().click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('input.payload.');
    const field = Object.keys(bot.samplePayload)[0];
    await page.locator('.cm-tooltip-autocomplete').getByText(field, { exact: true }).first().waitFor();
    await shot(page, 'completion');
    await page.keyboard.press('Escape');

    await replaceCode('async function lambda(input) {\n  return { broken: ;\n}\n');
    await page.locator('.cm-lintRange-error').first().waitFor();
    await page.getByTestId('unsaved').waitFor();
    await page.getByTestId('save').click();
    const refused = page.getByTestId('problem');
    await refused.getByText('400').waitFor();
    assert.match(await refused.innerText(), /\/code\s+line 2, column \d+/);
    // The check's own message is shown at its line in the editor (the gutter marker's tooltip lists it).
    await page.locator('.cm-lint-marker-error').first().hover();
    await page.locator('.cm-tooltip-lint').getByText(/SyntaxError/).first().waitFor();
    await shot(page, 'syntax-error');
    await page.mouse.move(600, 20);

    let asked = null;
    page.once('dialog', (dialog) => { asked = dialog.message(); dialog.dismiss(); });
    await nav('Functions').click();
    await until(() => asked !== null, 5000, 'the console asks before leaving unsaved changes');
    assert.match(asked, /unsaved changes/);
    await page.getByTestId('unsaved').waitFor();
    assert.match(page.url(), /\/code$/, 'staying keeps the editor and its changes');

    await replaceCode(WORKING_CODE);
    await page.getByRole('button', { name: /Add variable/ }).click();
    await page.getByLabel('Variable 1', { exact: true }).fill('GREETING');
    await page.getByLabel('Value 1', { exact: true }).fill('hello from the console');
    await page.getByTestId('save').click();
    await until(async () => (await page.getByTestId('save-status').innerText()) === 'Saved', 10_000, 'the function is saved');
    const saved = await switchboard.api('GET', `/accounts/${ACCOUNT}/functions?page=0&size=100`);
    const fn = saved.items.find((f) => f.name === 'journey-bot');
    assert.deepEqual(fn.env, { GREETING: 'hello from the console' });
    noProblems();
  });

  journey('deploys after reviewing the diff between the deployed version and the draft', async () => {
    await openTab('Deploy');
    await page.getByTestId('review-deploy').click();
    await page.getByTestId('deploy-diff').getByText('journey called').first().waitFor();
    await shot(page, 'deploy-review');
    await page.getByTestId('approve-deploy').click();
    await page.getByTestId('deploy-result').getByText('Version 1 is productive.').waitFor();
    assert.equal(await page.getByTestId('state').first().innerText(), 'Productive');
    await shot(page, 'deployed');
    noProblems();
  });

  journey('invokes with the sample payload and shows result, outcome, duration and logs side by side', async () => {
    await openTab('Invoke');
    const field = Object.keys(bot.samplePayload)[0];
    await page.getByTestId('payload-editor').getByText(`"${field}"`).first().waitFor();
    await page.getByTestId('run-deployed').click();
    const result = page.getByTestId('invoke-result');
    await result.getByTestId('outcome').getByText('OK').waitFor();
    await result.getByTestId('invoke-logs').getByText('journey called').waitFor();
    await result.getByTestId('invoke-output').getByText('hello from the console').waitFor();
    await until(async () => /\d+ (ms|s)/.test(await page.getByTestId('invoke-duration').innerText()), 10_000, 'the duration is shown');
    assert.match(await result.innerText(), /version 1/);
    await shot(page, 'invoke');

    await page.getByTestId('run-draft').click();
    await result.getByText('the draft (recorded as a test invocation)').waitFor();
    await result.getByTestId('outcome').getByText('OK').waitFor();
    noProblems();
  });

  journey('rolls back to an earlier version and restores a version into the draft without deploying', async () => {
    await openTab('Code');
    await replaceCode(WORKING_CODE.replace('journey called', 'second version called'));
    await page.getByTestId('save').click();
    await until(async () => (await page.getByTestId('save-status').innerText()).startsWith('Saved'), 10_000, 'saved');
    assert.equal(await page.getByTestId('state').first().innerText(), 'Modified');
    await openTab('Deploy');
    await page.getByTestId('review-deploy').click();
    await page.getByTestId('deploy-diff').getByText('second version called').first().waitFor();
    await page.getByTestId('approve-deploy').click();
    await page.getByTestId('deploy-result').getByText('Version 2 is productive.').waitFor();
    await page.getByTestId('versions-diff').getByText('second version called').first().waitFor();
    await shot(page, 'history');

    await page.getByTestId('rollback-1').click();
    await page.getByTestId('confirm-history').click();
    await page.getByTestId('history-result').getByText('version 1 is productive again').waitFor();
    const fn = (await switchboard.api('GET', `/accounts/${ACCOUNT}/functions?page=0&size=100`)).items.find((f) => f.name === 'journey-bot');
    assert.equal(fn.deployedVersion, 1);
    await shot(page, 'rolled-back');

    await page.getByTestId('restore-2').click();
    await page.getByTestId('confirm-history').click();
    await page.getByTestId('history-result').getByText('Restored version 2 into the draft').waitFor();
    assert.equal(await page.getByTestId('state').first().innerText(), 'Modified');
    const restored = await switchboard.api('GET', `/accounts/${ACCOUNT}/functions/${fn.id}`);
    assert.match(restored.code, /second version called/);
    assert.equal(restored.deployedVersion, 1, 'restoring deploys nothing');
    noProblems();
  });

  journey('lists invocations with their logs, tails new ones live and filters them', async () => {
    await openTab('Invocations');
    const rows = page.getByTestId('invocations').locator('tbody > tr');
    await rows.first().waitFor();
    const before = await page.getByTestId('invocations-total').innerText();
    const fn = (await switchboard.api('GET', `/accounts/${ACCOUNT}/functions?page=0&size=100`)).items.find((f) => f.name === 'journey-bot');
    // The tail is the server's stream (logs/stream), not a search repeated: count the searches the page makes meanwhile.
    let searches = 0;
    const countSearch = (request) => { if (new URL(request.url()).pathname.endsWith(`/functions/${fn.id}/invocations`)) searches++; };
    page.on('request', countSearch);
    await page.getByTestId('live-tail').check();
    await page.getByTestId('tail-state').getByText('live', { exact: true }).waitFor({ timeout: 15_000 });
    const searchesBefore = searches;
    const invoked = await switchboard.api('POST', `/accounts/${ACCOUNT}/functions/${fn.id}/invoke`, { payload: bot.samplePayload });
    // The new run appears on top, without a reload and without a search.
    await page.locator(`[data-testid=invocations] tbody > tr[data-invocation="${invoked.invocationId}"]`).waitFor({ timeout: 15_000 });
    assert.equal(await rows.first().getAttribute('data-invocation'), invoked.invocationId, 'the streamed run is the first row');
    assert.notEqual(await page.getByTestId('invocations-total').innerText(), before, 'the count includes the streamed run');
    assert.equal(searches, searchesBefore, 'the tail brought the run, not a search');
    page.off('request', countSearch);
    await shot(page, 'invocations-tail');
    await page.getByTestId('live-tail').uncheck();

    // No stream is left open when the tail is switched off: the account's whole cap (2 here) can be taken again ...
    const held = [];
    const holdStreams = async () => {
      while (held.length < 2) {
        const stream = await switchboard.openStream(fn.id);
        if (stream.status !== 200) {
          stream.close();
          return false;
        }
        held.push(stream);
      }
      return true;
    };
    await until(holdStreams, 30_000, 'the console released its stream (the account may open its 2 streams again)');
    // ... and with the cap reached, the tail shows the API's 429 problem instead of polling or retrying.
    await page.getByTestId('live-tail').check();
    await page.getByTestId('problem').getByText('too-many-streams').waitFor({ timeout: 15_000 });
    assert.match(await page.getByTestId('problem').innerText(), /429/);
    assert.equal(await page.getByTestId('tail-state').innerText(), 'stopped');
    await shot(page, 'invocations-tail-limit');
    await page.getByTestId('live-tail').uncheck();
    held.forEach((stream) => stream.close());

    await page.getByTestId('filter-outcome').selectOption('ERROR');
    await page.getByText('No record matches the filters.').waitFor();
    await page.getByTestId('filter-outcome').selectOption('OK');
    await page.getByTestId('filter-text').fill('journey called');
    await page.getByTestId('filter-summary').waitFor();
    // Filtered by the search endpoint: the count the page shows is the server's for the same filters.
    const okCalled = await switchboard.api('GET', `/accounts/${ACCOUNT}/functions/${fn.id}/invocations?outcome=OK&text=journey%20called&size=1`);
    assert.ok(okCalled.total >= 1, 'the journey invocations are found by the search endpoint');
    await until(async () => (await page.getByTestId('filter-summary').innerText()).startsWith(`${okCalled.total} record`), 5000,
      'the filter summary counts what the server matched');
    await page.getByTestId('filter-text').fill('no such text anywhere');
    await page.getByText('No record matches the filters.').waitFor();
    await page.getByTestId('filter-text').fill('journey called');
    await page.getByTestId('filter-summary').waitFor();
    await rows.first().getByRole('button', { name: 'Details' }).click();
    await page.getByTestId('logs').getByText('journey called').first().waitFor();
    await shot(page, 'invocations');
    noProblems();
  });

  journey('shows the invocation histogram by outcome over 1 h, 24 h, 7 d and 30 d', async () => {
    await openTab('Monitor');
    const fn = (await switchboard.api('GET', `/accounts/${ACCOUNT}/functions?page=0&size=100`)).items.find((f) => f.name === 'journey-bot');
    const records = (await switchboard.api('GET', `/accounts/${ACCOUNT}/functions/${fn.id}/invocations?page=0&size=100`)).items;
    const count = (outcome) => String(records.filter((r) => r.outcome === outcome).length);
    // The histogram is the server's report, kept as records are written: it agrees with the records themselves.
    const day = await switchboard.api('GET', `/accounts/${ACCOUNT}/functions/${fn.id}/report?range=24h`);
    assert.equal(String(day.totals.SUCCEEDED), count('OK'));
    assert.equal(day.buckets.length, 96);
    await page.getByTestId('histogram-title').getByText(`${records.length} invocations in the last 24 hours`).waitFor();
    assert.equal(await page.getByTestId('histogram-totals').locator('td[data-state=SUCCEEDED]').innerText(), count('OK'));
    assert.notEqual(await page.getByTestId('p50').innerText(), '–', 'a median duration');
    assert.ok(await page.getByTestId('histogram').locator('svg rect[class^=bar-succeeded]').count() >= 1, 'a bar of succeeded invocations');
    for (const range of ['1h', '7d', '30d']) {
      await page.getByTestId(`range-${range}`).click();
      await page.getByTestId('histogram-title').getByText(/one bar per (1 min|1 h|6 h)/).waitFor();
      await until(async () => (await page.getByTestId(`range-${range}`).getAttribute('aria-pressed')) === 'true', 5000, `range ${range} chosen`);
    }
    await page.getByTestId('range-1h').click();
    await page.getByTestId('histogram-title').getByText(`${records.length} invocations in the last 1 hour`).waitFor();
    await shot(page, 'monitor');
    noProblems();
  });

  journey("searches the account's invocations and logs, grouped or as lines, tails them and exports CSV", async () => {
    await nav('Invocations & logs').click();
    await page.getByTestId('logs-invocations').waitFor();
    const fn = (await switchboard.api('GET', `/accounts/${ACCOUNT}/functions?page=0&size=100`)).items.find((f) => f.name === 'journey-bot');
    await page.getByTestId('logs-function').selectOption({ label: 'journey-bot' });
    await page.getByTestId('logs-outcome').selectOption('OK');
    await page.getByTestId('logs-level').selectOption('INFO');
    await page.getByTestId('logs-text').fill('second version called');
    const summary = page.getByTestId('logs-summary');
    await until(async () => /^0 invocations/.test(await summary.innerText()), 5000, 'no invocation ran the second version yet');
    await page.getByTestId('logs-text').fill('journey called');
    await until(async () => /^[1-9]\d* invocations? of \d+/.test(await summary.innerText()), 5000, 'the filters match the journey invocations');
    const matched = Number((await summary.innerText()).split(' ')[0]);

    await page.getByTestId('logs-tail').check();
    await switchboard.api('POST', `/accounts/${ACCOUNT}/functions/${fn.id}/invoke`, { payload: bot.samplePayload });
    await until(async () => Number((await summary.innerText()).split(' ')[0]) === matched + 1, 15_000, 'the live tail adds the new invocation');
    await page.getByTestId('logs-tail').uncheck();
    await shot(page, 'logs');

    await page.getByTestId('logs-lines-view').click();
    await page.getByTestId('logs-lines').getByText('journey called').first().waitFor();
    await shot(page, 'logs-lines');
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('logs-csv').click()]);
    const csv = await readFile(await file.path(), 'utf8');
    const lines = csv.trim().split('\r\n');
    assert.equal(lines[0], 'id,functionId,version,eventType,trigger,startedAt,durationMs,outcome,state,errorCode,errorMessage,result,logs');
    assert.equal(lines.length - 1, matched + 1, 'the server exports one row per matching invocation');
    assert.ok(lines.slice(1).every((line) => line.includes('journey called') && line.includes(`,${fn.id},`) && line.includes(',OK,SUCCEEDED,')), csv);
    noProblems();
  });

  journey('lists functions with state, last deploy and last invocation, filtered and searched', async () => {
    await nav('Functions').click();
    const table = page.getByTestId('functions-table');
    const row = table.locator('tr', { hasText: 'journey-bot' });
    await row.getByText('Modified').waitFor();
    await row.getByText(/v1 ·/).waitFor();
    await row.getByTestId('outcome').getByText('OK').waitFor();
    await page.getByTestId('limits').getByText(/1 \/ \d+/).first().waitFor();
    await shot(page, 'functions');
    await page.getByLabel('State').selectOption('DRAFT');
    await table.getByText('taken').waitFor();
    assert.equal(await table.getByText('journey-bot').count(), 0);
    await page.getByLabel('State').selectOption('');
    await page.getByLabel('Search').fill('journey');
    assert.equal(await table.getByText('taken').count(), 0);
    noProblems();
  });

  journey('schedules an invocation of the deployed function, pauses and deletes it', async () => {
    await nav('Schedules').click();
    await page.getByTestId('add-schedule').click();
    await page.getByLabel('Function').selectOption({ label: 'journey-bot' });
    await page.getByLabel(/Cron expression/).fill('every morning');
    await page.getByRole('button', { name: 'Create schedule' }).click();
    await page.getByTestId('problem').getByText('400').waitFor();
    await page.getByLabel(/Cron expression/).fill('0 9 * * 1-5');
    await page.getByLabel('Time zone').fill('Europe/Berlin');
    await page.getByLabel('Description').fill('morning report');
    await page.getByRole('button', { name: 'Create schedule' }).click();
    const row = page.getByTestId('schedules').locator('tbody tr', { hasText: 'journey-bot' });
    await row.getByText('active').waitFor();
    await shot(page, 'schedules');
    await row.getByRole('button', { name: 'Pause' }).click();
    await row.getByText('paused').waitFor();
    const schedules = (await switchboard.api('GET', `/accounts/${ACCOUNT}/schedules`)).items;
    assert.equal(schedules.length, 1);
    assert.equal(schedules[0].isActive, false);
    assert.equal(schedules[0].timeZone, 'Europe/Berlin');
    await row.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('button', { name: 'Delete schedule' }).click();
    await page.getByText('No schedules.').waitFor();
    noProblems();
  });

  journey("keeps the account's allow-list: refuses a bad host, allows one, removes it", async () => {
    await nav('Allowed domains').click();
    await page.getByText('No host is allowed for the whole account.').waitFor();
    await page.getByLabel('Host').fill('not a host!');
    await page.getByRole('button', { name: 'Allow for the account' }).click();
    const problem = page.getByTestId('problem');
    await problem.getByText('400').waitFor();
    assert.match(await problem.innerText(), /\/allowedDomains\/0/);
    await page.getByLabel('Host').fill('api.example.com');
    await page.getByRole('button', { name: 'Allow for the account' }).click();
    await page.getByTestId('account-domains').getByText('api.example.com').waitFor();
    await shot(page, 'allowed-domains');
    const settings = await switchboard.api('GET', `/accounts/${ACCOUNT}/settings`);
    assert.deepEqual(settings.allowedDomains, ['api.example.com']);
    await page.getByTestId('account-domains').getByRole('button', { name: 'Remove' }).click();
    await page.getByText('No host is allowed for the whole account.').waitFor();
    assert.deepEqual((await switchboard.api('GET', `/accounts/${ACCOUNT}/settings`)).allowedDomains, []);
    noProblems();
  });

  journey('adds a Third-Party Bot that runs the deployed function', async () => {
    await nav('Bots').click();
    await page.getByText('No bots.').waitFor();
    await page.getByTestId('add-bot').click();
    await page.getByLabel('Bot id').fill('sales-bot');
    await page.getByLabel('Vendor').selectOption('faas');
    await page.getByLabel(bot.displayName).selectOption({ label: 'journey-bot' });
    await shot(page, 'bot-dialog');
    await page.getByRole('button', { name: 'Save bot' }).click();
    const row = page.getByTestId('bots').locator('tr', { hasText: 'sales-bot' });
    await row.getByRole('link', { name: 'journey-bot' }).waitFor();
    await shot(page, 'bots');
    const fn = (await switchboard.api('GET', `/accounts/${ACCOUNT}/functions?page=0&size=100`)).items.find((f) => f.name === 'journey-bot');
    const saved = await switchboard.api('GET', `/accounts/${ACCOUNT}/bots/sales-bot`);
    assert.equal(saved.vendor, 'faas');
    assert.deepEqual(saved.functions, { [bot.id]: fn.id });

    await page.getByTestId('add-bot').click();
    await page.getByLabel('Bot id').fill('sales-bot');
    await page.getByRole('button', { name: 'Save bot' }).click();
    await page.getByTestId('problem').getByText('409').waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    noProblems();
  });

  journey('adds a secret whose value is never shown again', async () => {
    await nav('Secrets').click();
    await page.getByTestId('add-secret').click();
    await page.getByLabel('Name').fill('crm-token');
    await page.getByLabel('Value').fill('s3cr3t-console-value');
    await shot(page, 'secret-dialog');
    await page.getByRole('button', { name: 'Save secret' }).click();
    await page.getByTestId('secrets').getByText('crm-token').waitFor();
    assert.ok(!(await page.content()).includes('s3cr3t-console-value'), 'the value is not on the page');
    await shot(page, 'secrets');
    const secrets = await switchboard.api('GET', `/accounts/${ACCOUNT}/secrets`);
    assert.deepEqual(secrets.items.map((s) => s.name), ['crm-token']);
    noProblems();
  });

  journey('retries a dead letter of an asynchronous event', async () => {
    await nav('Dead letters').click();
    await page.getByText('No dead letters.').waitFor();
    const eventTypes = (await switchboard.api('GET', '/event-types')).items;
    const async = eventTypes.find((e) => e.mode === 'ASYNC' && e.retries === 0) || eventTypes.find((e) => e.mode === 'ASYNC');
    assert.ok(async, 'the distribution provides an asynchronous event');
    const failing = await switchboard.api('POST', `/accounts/${ACCOUNT}/functions`, { name: 'journey-failing', eventType: async.id,
      code: "async function lambda(input) { throw new Error('journey failure'); }" });
    await switchboard.api('POST', `/accounts/${ACCOUNT}/functions/${failing.id}/deploy`);
    await switchboard.api('POST', `/accounts/${ACCOUNT}/events/${async.id}`, { payload: async.samplePayload });
    await until(async () => (await switchboard.api('GET', `/accounts/${ACCOUNT}/dead-letters`)).total === 1, 30_000, 'the failed task is dead-lettered');

    await page.getByRole('button', { name: 'Refresh' }).click();
    const row = page.getByTestId('dead-letters').locator('tbody tr', { hasText: 'journey-failing' });
    await row.getByText(/journey failure/).waitFor();
    await shot(page, 'dead-letters');
    const runs = (await switchboard.api('GET', `/accounts/${ACCOUNT}/functions/${failing.id}/invocations`)).total;
    await row.getByRole('button', { name: 'Retry' }).click();
    await page.getByRole('status').getByText(/is queued again and runs version 1/).waitFor();
    await until(async () => (await switchboard.api('GET', `/accounts/${ACCOUNT}/functions/${failing.id}/invocations`)).total > runs, 30_000,
      'the retry ran the function again');
    await switchboard.api('POST', `/accounts/${ACCOUNT}/functions/${failing.id}/undeploy`);
    noProblems();
  });

  journey('shows the operator pages: event sources, templates with rejected ones, limits and health', async () => {
    writeFileSync(join(switchboard.home, 'deploy/templates/console-broken.js'),
      '/*template\n{"name": "Broken", "eventType": null}\n*/\nasync function lambda(input) {\n  return { broken: ;\n}\n');
    await nav('Event sources').click();
    await page.getByText(bot.displayName).first().waitFor();
    await shot(page, 'event-sources', { fullPage: true });
    await nav('Templates').click();
    await page.getByTestId('templates').getByText(botTemplate.name).first().waitFor();
    await until(async () => (await switchboard.api('GET', '/template-rejections')).items.some((r) => r.id === 'console-broken'), 10_000,
      'the catalogue rejects the broken template file');
    await page.getByRole('link', { name: 'Event sources', exact: true }).first().click();
    await nav('Templates').click();
    const rejected = page.getByTestId('template-rejections').locator('tr', { hasText: 'console-broken' });
    await rejected.getByText(/syntax|parse/i).waitFor();
    await shot(page, 'templates', { fullPage: true });
    await nav('Limits').click();
    await page.getByTestId('limits-table').getByText(bot.displayName).waitFor();
    await shot(page, 'limits');
    await nav('Health').click();
    await page.getByTestId('health-status').getByText('UP').waitFor();
    await shot(page, 'health');
    noProblems();
  });

  journey('works in a narrow window and with the keyboard', async () => {
    await page.setViewportSize({ width: 420, height: 860 });
    await nav('Functions').click();
    await page.getByTestId('functions-table').waitFor();
    await shot(page, 'narrow');
    await page.setViewportSize({ width: 1280, height: 800 });

    // From the top bar's empty middle, Tab walks through the account picker, the navigation and into the page.
    await page.locator('header.topbar').click({ position: { x: 400, y: 10 } });
    let focused = '';
    for (let i = 0; i < 80 && focused !== 'Create function'; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement && document.activeElement.textContent.trim());
    }
    assert.equal(focused, 'Create function', 'Tab reaches the page actions');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Create a function' }).waitFor();
    noProblems();
  });
});
