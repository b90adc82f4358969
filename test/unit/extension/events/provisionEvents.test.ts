/**
 * Provision Element with events (issue 22 item 1), against the emulator: the wizard's events
 * step for an element the catalog says has events, the configuration the instance gets, the
 * signature key kept in the keychain under the new instance (never shown), and an instance
 * file's event keys carried as written.
 */
import assert from 'node:assert/strict';
import { startEmulator } from '../../../../src/emulator/server';
import type { RunningEmulator } from '../../../../src/emulator/server';
import { EventInbox, signatureKeyName } from '../../../../src/extension/events/eventInbox';
import { MemoryState } from '../harness';
import { eventsFromFile } from '../../../../src/extension/events/provisionEvents';
import { api } from '../../emulator/helpers';
import { assertNoSecretShown, messages, mount, provision, resetEmulator, returnsToVsCode, script, storedInstances } from '../provisioning/setup';
import type { Mounted } from '../provisioning/setup';

describe('Provision Element with events (against the emulator)', () => {
  let emulator: RunningEmulator;
  let m: Mounted;
  let events: EventInbox | undefined;
  before(async () => {
    emulator = await startEmulator({ port: 0, seed: false });
  });
  after(() => emulator.close());
  beforeEach(async () => {
    await resetEmulator(emulator);
    m = await mount(emulator, {
      events: (services) => {
        events = new EventInbox({ vault: services.vault, log: services.log, state: new MemoryState() });
        return events;
      },
    });
  });
  afterEach(() => {
    m.dispose();
    events?.dispose();
  });

  const SAGE = { element: 'sageoneus', fields: { 'Client ID': 'SAGE-CLIENT-ID-0004', 'Client Secret': 'SAGE-CLIENT-SECRET-0005', Signature: 'SAGE-SIGNATURE-0006' } };

  it('polling: the interval and the resources chosen become the instance\'s event configuration; the key is kept under the new instance', async () => {
    script(m.user, SAGE);
    m.user.pick(/: Events \|/, (item) => item.method === 'polling');
    m.user.input(/: Event poller refresh interval/, '5');
    m.user.on('quickPick', /: Resources to poll/, (call) => call.items.filter((item: { label: string }) => ['contacts', 'products'].includes(item.label)));
    m.browser.behavior = returnsToVsCode('allow');
    await provision(m);
    const [record] = await storedInstances(emulator);
    assert.ok(record, JSON.stringify(messages().map((call) => call.message)));
    const configuration = record.configuration;
    const receiver = await events!.receiver();
    assert.equal(configuration['event.notification.enabled'], 'true');
    assert.equal(configuration['event.vendor.type'], 'polling');
    assert.equal(configuration['event.poller.refresh_interval'], '5');
    assert.equal(configuration['event.notification.callback.url'], receiver.callbackUrl('custom'));
    assert.deepEqual(Object.keys(JSON.parse(String(configuration['event.poller.configuration'])) as object), ['contacts', 'products']);
    const key = await m.services.vault.keychain('custom', signatureKeyName(record.id));
    assert.ok(key && key.length >= 43, 'a 256-bit key in the keychain');
    assert.equal(configuration['event.notification.signature.key'], key);
    await assertNoSecretShown(m, [key!, ...Object.values(SAGE.fields)]);
  });

  it('webhooks: a Send-like hub change on the new instance arrives signed in the inbox, "signature valid"', async () => {
    script(m.user, { element: 'freshbooks', fields: { 'API Key': 'FRESHBOOKS-KEY-0003', 'API Secret': 'FRESHBOOKS-SECRET-0003', 'Site Address': 'targetcompany' } });
    m.user.pick(/: Events \|/, (item) => item.method === 'webhook');
    m.browser.behavior = returnsToVsCode('allow');
    await provision(m);
    const [record] = await storedInstances(emulator);
    assert.ok(record);
    assert.equal(record.configuration['event.vendor.type'], 'webhook');
    const arrived = new Promise<void>((resolve) => events!.onDidChange(() => resolve()));
    const created = await api(emulator, `/hubs/${record.element.hub ?? 'finance'}/customers`, { body: { name: 'Acme' }, auth: `User ${emulator.userSecret}, Organization ${emulator.orgSecret}, Element ${record.token}` });
    assert.equal(created.status, 200, created.text);
    await arrived;
    const [group] = events!.inbox.groups();
    assert.equal(group!.deliveries[0]!.verdict.verdict, 'valid');
    assert.equal(group!.deliveries[0]!.summary.eventType, 'CREATED');
  });

  it('no events: nothing of events is sent, nothing kept', async () => {
    script(m.user, SAGE);
    m.user.pick(/: Events \|/, (item) => item.method === 'none');
    m.browser.behavior = returnsToVsCode('allow');
    await provision(m);
    const [record] = await storedInstances(emulator);
    assert.notEqual(record!.configuration['event.notification.enabled'], 'true');
    assert.equal(await m.services.vault.keychain('custom', signatureKeyName(record!.id)), undefined);
  });

  it('Escape at the events step sends nothing', async () => {
    script(m.user, SAGE);
    await provision(m);
    assert.deepEqual(await storedInstances(emulator), []);
  });

  it('an instance file that turns events on: its event keys are carried as written, the ${keychain:…} key read from the keychain; a missing entry is named', async () => {
    const vault = m.services.vault.forEnvironment('custom');
    await vault.setKeychain('my-events-key', 'file-signature-key-value');
    const carried = await eventsFromFile(
      { 'event.notification.enabled': 'true', 'event.poller.configuration': { contacts: { url: '/hubs/crm/contacts' } }, 'event.notification.signature.key': '${keychain:my-events-key}', other: 'x' },
      vault,
    );
    assert.deepEqual(carried, {
      configuration: { 'event.notification.enabled': 'true', 'event.poller.configuration': '{"contacts":{"url":"/hubs/crm/contacts"}}', 'event.notification.signature.key': 'file-signature-key-value' },
      signatureKey: 'file-signature-key-value',
    });
    assert.deepEqual(await eventsFromFile({ 'event.notification.enabled': true, 'event.notification.signature.key': '${keychain:nope}' }, vault), { missing: 'nope' });
    assert.equal(await eventsFromFile({ 'event.notification.enabled': 'false', 'event.vendor.type': 'polling' }, vault), undefined, 'events off: the wizard asks');
    assert.equal(await eventsFromFile({ name: 'x' }, vault), undefined);
  });
});
