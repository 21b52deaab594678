// Debian's chromium driven by playwright-core (no browser download): headless, sandbox off (CI runs as root), a fresh
// profile per run. Every page error or CSP violation fails the journey; screenshots of each step go to target/.
import { chromium } from 'playwright-core';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

export async function openBrowser() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No chromium at ${CHROMIUM}: install Debian's package (apt-get install chromium; .ci/run does it) or set CHROMIUM`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'switchboard-console-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
  context.setDefaultTimeout(20_000);
  return context;
}

/** A page that records console errors, page errors and requests leaving the server (there must be none). */
export async function openPage(context, base) {
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/status of (4|5)\d\d/.test(message.text())) {
      problems.push(`console error: ${message.text()}`);
    }
  });
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(base) && !url.startsWith('data:')) {
      problems.push(`request outside the server: ${url}`);
    }
  });
  page.problems = problems;
  return page;
}

/** Screenshots named by journey and step, under target/console-screenshots/. */
export function camera(directory, journey) {
  // Only this run's pictures: an earlier run's would be mistaken for this one's in CI artifacts.
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(directory, { recursive: true });
  let step = 0;
  return async (page, name, options = {}) => {
    step += 1;
    const file = join(directory, `${journey}-${String(step).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: file, fullPage: options.fullPage || false });
    return file;
  };
}
