// A private copy of the packaged distribution, started and stopped through bin/switchboard as an operator would,
// on a free loopback port, with an admin key and one account key configured in etc/.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

export const ACCOUNT = 'acme';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export async function startSwitchboard(work) {
  const distribution = process.env.SWITCHBOARD_DISTRIBUTION;
  if (!distribution || !existsSync(join(distribution, 'bin/switchboard'))) {
    throw new Error(`SWITCHBOARD_DISTRIBUTION must name the built distribution folder (got '${distribution}'); build it with ./mvnw install`);
  }
  mkdirSync(work, { recursive: true });
  const home = mkdtempSync(join(work, 'installation-'));
  cpSync(distribution, home, { recursive: true, filter: (source) => !/\/(data|logs)(\/|$)/.test(source.slice(distribution.length)) });
  const adminKey = 'admin-' + randomBytes(12).toString('hex');
  const accountKey = 'acme-' + randomBytes(12).toString('hex');
  writeFileSync(join(home, 'etc/io.switchboard.core.security.config'),
    `adminKey="${adminKey}"\naccountKeys=["${ACCOUNT}=${accountKey}"]\n`);
  // Live log streams: a cap of 2 per account so the tail journey can reach it, and heartbeats every second so a stream
  // the console closed is noticed (and its slot freed) at once.
  writeFileSync(join(home, 'etc/io.switchboard.api.http.streams.cfg'), 'maxStreamsPerAccount=2\nheartbeatSeconds=1\n');
  // Retries of asynchronous tasks 10 ms apart, so a failing function's event is dead-lettered at once (the dead-letters journey).
  writeFileSync(join(home, 'etc/io.switchboard.core.dispatch.cfg'), 'asyncBackoffMs=10\nasyncMaxBackoffMs=10\n');
  // A fixed port only for runs by hand (CONSOLE_TEST_PORT); tests take a free one.
  const port = process.env.CONSOLE_TEST_PORT ? Number(process.env.CONSOLE_TEST_PORT) : await freePort();
  const env = { ...process.env, SWITCHBOARD_HTTP_PORT: String(port) };
  const started = spawnSync(join(home, 'bin/switchboard'), ['start'], { env, encoding: 'utf8', timeout: 180_000 });
  if (started.status !== 0) {
    throw new Error(`bin/switchboard start failed (${started.status}): ${started.stdout}${started.stderr}\n${log(home)}`);
  }
  const stopNow = () => spawnSync(join(home, 'bin/switchboard'), ['stop'], { env, encoding: 'utf8', timeout: 90_000 });
  // A run that is interrupted (Ctrl-C, a build timeout) still stops the instance it started.
  const onSignal = (signal) => {
    stopNow();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const base = `http://127.0.0.1:${port}`;
  await until(async () => (await fetch(`${base}/health`)).status === 200, 120_000, 'GET /health answers 200');
  return {
    home, port, base, adminKey, accountKey,
    stop() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      stopNow();
    },
    log: () => log(home),
    /** Opens a function's live log stream with the account key: {status, close()}; the body is left unread while open. */
    async openStream(functionId) {
      const controller = new AbortController();
      const response = await fetch(`${base}/api/v1/accounts/${ACCOUNT}/functions/${functionId}/logs/stream`, {
        headers: { Authorization: `Bearer ${accountKey}`, Accept: 'text/event-stream' }, signal: controller.signal,
      });
      return { status: response.status, close: () => controller.abort() };
    },
    /** Calls the API directly (test setup only; the journeys themselves go through the console). */
    async api(method, path, body, key = adminKey) {
      const response = await fetch(`${base}/api/v1${path}`, {
        method, headers: { Authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      if (!response.ok) {
        throw new Error(`${method} ${path}: ${response.status} ${text}`);
      }
      return text ? JSON.parse(text) : null;
    },
  };
}

function log(home) {
  const file = join(home, 'logs/switchboard.log');
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(-80).join('\n') : '(no log)';
}

/** Waits for `condition` with a deadline, asking again every 100 ms; never a fixed sleep. */
export async function until(condition, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      if (await condition()) {
        return;
      }
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting until ${what}${last ? ': ' + last.message : ''}`);
}
