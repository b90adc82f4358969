/**
 * The event configuration a new instance gets from the wizard (issue 22 item 1): for every
 * element the catalog says has events, any choice of resources gives a configuration the lint
 * rules of item 4 find nothing wrong with.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { catalog } from '../../../src/core/catalog';
import { eventSupportFor } from '../../../src/core/catalog/eventSupport';
import { buildStarter } from '../../../src/core/instanceFile/starter';
import { eventConfiguration, refreshIntervalProblem } from '../../../src/core/events/instanceEvents';
import { checkLegacyPollerUrls } from '../../../src/core/events/legacyPollerUrls';
import { readPollerConfiguration } from '../../../src/core/events/pollerConfiguration';

const ELEMENTS = ['quickbooks', 'freshbooks', 'freshbooksv2', 'sageoneus', 'sageone', 'quickbooksonprem', 'intacct', 'hubspot', 'hubspotcrm', 'box', 'dropbox'];

describe('event configuration of a new instance', () => {
  it('the catalog has no events for Xero (docs: "Events | Not Supported") nor for an element it was not told about', () => {
    assert.equal(eventSupportFor('xero'), undefined);
    assert.equal(eventSupportFor('__proto__'), undefined);
    assert.equal(eventSupportFor('toString'), undefined);
    for (const key of ELEMENTS) assert.ok(eventSupportFor(key), key);
  });

  it('any method, interval and resources of a supporting element: the documented keys, and a poller configuration the lint rules accept', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ELEMENTS).chain((key) => {
          const support = eventSupportFor(key)!;
          return fc.record({ key: fc.constant(key), method: fc.constantFrom(...support.methods), resources: fc.subarray([...support.resources]), minutes: fc.integer({ min: 1, max: 1440 }) });
        }),
        ({ key, method, resources, minutes }) => {
          const support = eventSupportFor(key)!;
          const configuration = eventConfiguration('finance', support, { method, refreshMinutes: minutes, resources, callbackUrl: 'http://127.0.0.1:4000/events/local', signatureKey: 'k'.repeat(43) });
          assert.equal(configuration['event.notification.enabled'], 'true');
          assert.equal(configuration['event.vendor.type'], method);
          assert.equal(configuration['event.notification.callback.url'], 'http://127.0.0.1:4000/events/local');
          assert.equal(configuration['event.notification.signature.key'], 'k'.repeat(43));
          if (method === 'webhook') {
            assert.deepEqual(Object.keys(configuration).filter((k) => k.startsWith('event.poller')), []);
            return;
          }
          assert.equal(configuration['event.poller.refresh_interval'], String(minutes));
          const json = configuration['event.poller.configuration'];
          const legacy = configuration['event.poller.urls'];
          if (resources.length === 0) {
            assert.equal(json, undefined);
            assert.equal(legacy, undefined);
          } else if (support.poller === 'legacy') {
            assert.equal(legacy, resources.join('|'));
            assert.deepEqual(checkLegacyPollerUrls(legacy!), []);
          } else {
            const read = readPollerConfiguration(json);
            assert.ok(read.ok, JSON.stringify(read));
            assert.deepEqual(read.problems, []);
            assert.deepEqual(read.resources.map((resource) => resource.name), resources);
            assert.deepEqual(read.resources.map((resource) => resource.url), resources.map((name) => `/hubs/finance/${name}`));
          }
        },
      ),
    );
  });

  it('a refresh interval is a whole number of minutes from 1 to 1440', () => {
    fc.assert(
      fc.property(fc.integer({ min: -5, max: 3000 }), (minutes) => {
        assert.equal(refreshIntervalProblem(String(minutes)) === undefined, minutes >= 1 && minutes <= 1440);
      }),
    );
    for (const bad of ['', '1.5', '15m', 'NaN', '1e3']) assert.ok(refreshIntervalProblem(bad), bad);
    assert.throws(() => eventConfiguration('crm', { poller: 'json' }, { method: 'polling', refreshMinutes: 0, callbackUrl: 'x', signatureKey: 'y' }), /whole number/);
  });

  it('a new instance file (template) of an element with events carries the event keys, off; one without has none', () => {
    const starter = (key: string) => {
      const element = catalog.elements.find((candidate) => candidate.key === key)!;
      return buildStarter(element, element.flows[0]!).configuration as Record<string, string>;
    };
    const sage = starter('sageoneus');
    assert.equal(sage['event.notification.enabled'], 'false');
    assert.equal(sage['event.vendor.type'], 'polling');
    assert.equal(sage['event.poller.refresh_interval'], '15');
    assert.equal(starter('freshbooks')['event.vendor.type'], 'webhook');
    assert.deepEqual(Object.keys(starter('xero')).filter((key) => key.startsWith('event.')), []);
  });
});
