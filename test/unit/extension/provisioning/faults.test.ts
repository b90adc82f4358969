/**
 * Fault suites (issue 12, items 7 and 8): every failure class of `POST /instances` and of
 * `PUT /instances/{id}?reAuthenticate=true` — before the server acted, after it acted, a reset
 * connection, a timeout, a truncated or cut body, an HTML 5xx, a 429 with Retry-After — through
 * the extension against the emulator, with its own fault injection and a fault proxy in front
 * of it. For each: the message shown is true of the account at that moment, and a user who
 * does what it says ends with exactly one instance (re-authorized exactly once).
 */
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import type { Instance } from '../../../../src/core/api/types';
import { startEmulator } from '../../../../src/emulator/server';
import type { RunningEmulator } from '../../../../src/emulator/server';
import { REFRESH_INSTANCES } from '../../../../src/extension/provisioning/showOutcome';
import { clearFaults } from '../../emulator/helpers';
import { startFaultProxy, type Damage, type FaultProxy } from '../../faultProxy';
import * as vscode from '../../vscode/fakeVscode';
import { addFault, messages, mount, provision, resetEmulator, returnsToVsCode, script, storedInstances } from './setup';
import type { MessageCall, Mounted } from './setup';

/** What the last message tells the user to do. */
type Advice = 'done' | 'try-again' | 'check-first';

type Fault =
  | { emulator: Record<string, unknown> }
  | { proxy: Damage }
  | { proxy: Damage; lookupFails: true }
  | { proxy: 'hang'; cancel: true };

interface Case {
  what: string;
  fault: Fault;
  /** What the message must say: the truth of the account at that moment. */
  advice: Advice;
  /** Per-request timeout for the case, seconds. */
  timeoutSeconds?: number;
}

const XERO = { element: 'xero', flow: 'oauth2', fields: { 'Client ID': 'XERO-FAULT-KEY-01', 'Client Secret': 'XERO-FAULT-SECRET-02' }, name: 'Books' };
const FRESHBOOKS = 'FreshBooks (authorization expired)';

function adviceOf(message: MessageCall): Advice {
  if (/check before retrying/.test(message.message)) return 'check-first';
  if (/(Nothing was created|The instance was not changed)\.$/.test(message.message)) return 'try-again';
  if (/^(Created|Re-authorized) /.test(message.message)) return 'done';
  assert.fail(`a message that gives no advice: ${message.message}`);
}

async function requestsTo(emulator: RunningEmulator, method: string, path: RegExp): Promise<number> {
  const log = (await (await fetch(`${emulator.url}/__admin/requests`)).json()) as Array<{ method: string; path: string }>;
  return log.filter((entry) => entry.method === method && path.test(entry.path)).length;
}

const POST_CASES: Case[] = [
  { what: 'a 400 the API sent before acting', fault: { emulator: { method: 'POST', path: '/instances', status: 400, body: { message: 'Rejected by policy', requestId: 'r-1' } } }, advice: 'try-again' },
  { what: 'a 429 with Retry-After (not retried)', fault: { emulator: { method: 'POST', path: '/instances', status: 429, headers: { 'Retry-After': '30' } } }, advice: 'try-again' },
  { what: 'a JSON 503 before acting', fault: { emulator: { method: 'POST', path: '/instances', status: 503 } }, advice: 'check-first' },
  { what: 'an HTML 502 before acting', fault: { emulator: { method: 'POST', path: '/instances', body: 'html', status: 502 } }, advice: 'check-first' },
  { what: 'a truncated 200 after creating', fault: { emulator: { method: 'POST', path: '/instances', body: 'truncated' } }, advice: 'done' },
  { what: 'an empty 200 after creating', fault: { emulator: { method: 'POST', path: '/instances', body: 'empty' } }, advice: 'done' },
  // Held by the proxy until the toolkit has given up and looked: with a delay instead, a busy
  // machine let the look come after the creation (or the creation after the test's own look).
  { what: 'a timeout, the server creating it only later', fault: { proxy: 'hold' }, advice: 'check-first', timeoutSeconds: 0.3 },
  { what: 'a connection reset after creating', fault: { proxy: 'reset' }, advice: 'done' },
  { what: 'an HTML 502 after creating', fault: { proxy: 'html-502' }, advice: 'done' },
  { what: 'a body truncated after creating', fault: { proxy: 'truncate' }, advice: 'done' },
  { what: 'a body cut off after creating', fault: { proxy: 'cut' }, advice: 'done' },
  { what: 'a timeout after creating', fault: { proxy: 'hang' }, advice: 'done', timeoutSeconds: 0.3 },
  { what: 'a reset after creating, and the account unreadable', fault: { proxy: 'reset', lookupFails: true }, advice: 'check-first', timeoutSeconds: 0.3 },
  { what: 'a cancel while the request was under way (it had been created)', fault: { proxy: 'hang', cancel: true }, advice: 'done', timeoutSeconds: 5 },
];

const PUT_CASES: Case[] = POST_CASES.map((c) => ({
  ...c,
  fault: 'emulator' in c.fault ? { emulator: { ...c.fault.emulator, method: 'PUT', path: '^/elements/api-v2/instances/\\d+$' } } : c.fault,
}));

describe('fault suites: POST /instances and PUT …?reAuthenticate=true', function () {
  let emulator: RunningEmulator;
  let proxy: FaultProxy;
  let m: Mounted;

  before(async () => {
    emulator = await startEmulator({ port: 0, seed: true });
    proxy = await startFaultProxy(emulator.url);
  });
  after(async () => {
    await proxy.close();
    await emulator.close();
  });
  beforeEach(async () => {
    await resetEmulator(emulator);
    proxy.clear();
    m = await mount(emulator, { baseUrl: proxy.apiBaseUrl(emulator.apiBaseUrl) });
  });
  afterEach(() => m.dispose());

  /** Puts the case's fault in place for the final request (`method`, `path` of the proxy rule). */
  async function inject(c: Case, method: 'POST' | 'PUT'): Promise<void> {
    vscode.settings.set('cloudElements.requestTimeoutSeconds', c.timeoutSeconds ?? 5);
    const { fault } = c;
    if ('emulator' in fault) return addFault(emulator, fault.emulator);
    proxy.add({ method, path: method === 'POST' ? /\/instances$/ : /\/instances\/\d+\?reAuthenticate=true$/, damage: fault.proxy });
    if ('lookupFails' in fault) {
      // The look at the account fails too, every attempt of it (the reading before the request — the listing before a
      // create, the instance before a re-authorization — passes).
      proxy.add({ method: 'GET', path: /\/instances(\/\d+)?(\?|$)/, damage: 'html-502', times: 3, skip: 1 });
    }
    if ('cancel' in fault) {
      void (async () => {
        while (!proxy.damaged.some((line) => line.startsWith(method))) await delay(5);
        (vscode.window as { lastProgressCancel?: () => void }).lastProgressCancel?.();
      })();
    }
  }

  /** The faults gone, and a held request let through to the emulator and answered: the slow server has finished. */
  async function settle(): Promise<void> {
    await clearFaults(emulator);
    proxy.clear();
    await proxy.releaseHeld();
  }

  describe('POST /instances (Provision Element, Xero OAuth 2)', () => {
    const created = async () => (await storedInstances(emulator)).filter((record) => record.name === XERO.name);

    async function provisionXero(): Promise<MessageCall> {
      m.user.reset();
      script(m.user, XERO);
      m.browser.behavior = returnsToVsCode('allow');
      const before = messages().length;
      await provision(m);
      const shown = messages().slice(before);
      assert.ok(shown.length > 0, 'the user was told something');
      return shown.at(-1)!;
    }

    for (const c of POST_CASES) {
      it(`${c.what}: says ${c.advice}, and the account ends with exactly one instance`, async () => {
        await inject(c, 'POST');
        const message = await provisionXero();
        const advice = adviceOf(message);
        assert.equal(advice, c.advice, message.message);
        const records = await created();

        if (advice === 'done') {
          // True: created, exactly once, and treated as created.
          assert.equal(records.length, 1, message.message);
          const record = records[0]!;
          assert.match(message.message, new RegExp(`^Created Books \\(#${record.id}\\)\\.`));
          assert.equal(await m.services.vault.instanceToken('custom', record.id), record.token, 'the token is kept');
          assert.deepEqual(m.revealed, [record.id], 'shown in the Instances view');
          assert.match(message.message, /the account shows it\.$/);
        } else if (advice === 'try-again') {
          // True: nothing was created, and the toolkit did not retry on its own.
          assert.deepEqual(records, [], message.message);
          assert.deepEqual(message.items, ['Open instance.json', 'Show Log']);
        } else {
          assert.ok(message.items.includes(REFRESH_INSTANCES), `a one-click Refresh: ${JSON.stringify(message.items)}`);
          assert.doesNotMatch(message.message, /Nothing was created/);
          assert.deepEqual(m.revealed, []);
        }

        // The user does what the message says.
        await settle();
        assert.equal(await requestsTo(emulator, 'POST', /\/instances$/), 1, 'POST /instances was sent once');
        if (advice === 'try-again' || (advice === 'check-first' && (await created()).length === 0)) {
          assert.equal(adviceOf(await provisionXero()), 'done');
        }
        assert.equal((await created()).length, 1, 'exactly one instance');
      });
    }
  });

  describe('PUT /instances/{id}?reAuthenticate=true (Re-authorize Instance, FreshBooks OAuth 1)', () => {
    async function freshbooks(): Promise<Instance> {
      const found = (await storedInstances(emulator)).find((record) => record.name === FRESHBOOKS);
      assert.ok(found);
      return found as unknown as Instance;
    }

    async function reauthorize(instance: Instance): Promise<MessageCall> {
      m.user
        .reset()
        .input(/: API Key \(/, 'FRESHBOOKS-FAULT-KEY-01')
        .input(/: API Secret \(/, 'FRESHBOOKS-FAULT-SECRET-02')
        .accept(/: Site Address \(/)
        .accept(/: Instance name \(/)
        .accept(/: Tags \(/)
        .review();
      m.browser.behavior = returnsToVsCode('allow');
      const before = messages().length;
      await vscode.commands.executeCommand('cloudElements.reauthorizeInstance', { kind: 'instance', instance });
      await m.browser.settled();
      return messages().slice(before).at(-1)!;
    }

    for (const c of PUT_CASES) {
      it(`${c.what}: says ${c.advice}, and the instance ends re-authorized once, no instance added`, async () => {
        const instance = await freshbooks();
        assert.equal(instance.valid, false);
        const count = (await storedInstances(emulator)).length;
        await inject(c, 'PUT');
        const message = await reauthorize(instance);
        const advice = adviceOf(message);
        assert.equal(advice, c.advice, message.message);
        const after = await freshbooks();

        if (advice === 'done') {
          assert.equal(after.valid, true, message.message);
          assert.match(message.message, new RegExp(`^Re-authorized ${FRESHBOOKS.replace(/[()]/g, '\\$&')} \\(#${instance.id}\\)\\.`));
          assert.equal(await m.services.vault.instanceToken('custom', instance.id), after.token);
        } else if (advice === 'try-again') {
          assert.equal(after.valid, false, `"not changed" must be true: ${message.message}`);
          assert.equal(after.configuration?.['oauth.api.key'], instance.configuration?.['oauth.api.key']);
        } else {
          assert.ok(message.items.includes(REFRESH_INSTANCES), `a one-click Refresh: ${JSON.stringify(message.items)}`);
          assert.doesNotMatch(message.message, /not changed/);
        }

        await settle();
        assert.equal(await requestsTo(emulator, 'PUT', /\/instances\/\d+$/), 1, 'the re-authorization was sent once');
        if (advice === 'try-again' || (advice === 'check-first' && !(await freshbooks()).valid)) {
          assert.equal(adviceOf(await reauthorize(await freshbooks())), 'done');
        }
        const records = await storedInstances(emulator);
        assert.equal(records.length, count, 'no instance added');
        assert.equal(records.find((record) => record.id === instance.id)?.valid, true, 're-authorized');
      });
    }
  });
});
