/**
 * Property suites for the first-hour changes: the local emulator's address and the answer checks
 * never throw anything but what they promise on any text, and any walk through the wizard — Back
 * at any step, changes from the review in any order — provisions exactly the last answers given.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { InvalidBaseUrlError, localEmulatorBaseUrl } from '../../../../src/core/api/environments';
import { checkAnswer, parseTags, siteNameFrom } from '../../../../src/extension/provisioning/fieldPrompts';
import type { FieldPrompt } from '../../../../src/extension/provisioning/fieldPrompts';
import { startEmulator } from '../../../../src/emulator/server';
import type { RunningEmulator } from '../../../../src/emulator/server';
import * as vscode from '../../vscode/fakeVscode';
import { callText, mount, PICK_ELEMENT, provision, resetEmulator, returnsToVsCode, REVIEW, storedInstances } from './setup';

/* eslint-disable @typescript-eslint/no-explicit-any -- quick pick items and options of the fake */

const anyText = fc.oneof(fc.string({ maxLength: 60 }), fc.webUrl(), fc.domain(), fc.constantFrom('${keychain:a.b}', '<INSERT_X>', ' ', 'http://', '[::1]:1'));

describe('first-hour property suites', () => {
  it('localEmulatorBaseUrl: an http(s) api-v2 base URL, stable when given back, or an InvalidBaseUrlError — never anything else', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        let url: string;
        try {
          url = localEmulatorBaseUrl(text);
        } catch (error) {
          assert.ok(error instanceof InvalidBaseUrlError, String(error));
          assert.match(error.message, /give host:port, e\.g\. 127\.0\.0\.1:8787\.$/);
          return;
        }
        assert.match(url, /^https?:\/\/[^/?#@\s]+\/elements\/api-v2$/);
        assert.equal(new URL(url).pathname, '/elements/api-v2');
        assert.equal(localEmulatorBaseUrl(url), url);
      }),
      { numRuns: 300 },
    );
  });

  it('checkAnswer never throws; what it keeps is trimmed, and for a site-name field only a name (or a reference)', () => {
    const site: FieldPrompt['siteName'] = { example: 'targetcompany', domain: 'freshbooks.com' };
    const kinds = fc.constantFrom<FieldPrompt['kind']>('string', 'url', 'number', 'boolean');
    fc.assert(
      fc.property(anyText, kinds, fc.boolean(), fc.boolean(), (text, kind, optional, withSite) => {
        const check = checkAnswer({ label: 'Field', kind, optional, ...(withSite && { siteName: site }) }, text);
        if (!check.ok) {
          assert.ok(check.message.length > 0);
          return;
        }
        assert.equal(check.value, check.value.trim());
        if (withSite && check.value !== '' && !check.value.startsWith('${keychain:')) assert.match(check.value, /^[A-Za-z0-9_-]+$/);
      }),
      { numRuns: 300 },
    );
  });

  it('siteNameFrom: the name of any address on the site, however it is pasted', () => {
    const name = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/);
    const path = fc.stringMatching(/^(\/[a-z0-9._-]{0,8}){0,3}(\?[a-z=&]{0,10})?$/);
    fc.assert(
      fc.property(name, path, fc.constantFrom('', 'http://', 'https://', 'HTTPS://'), fc.boolean(), (site, rest, scheme, upper) => {
        const host = `${site}.freshbooks.com`;
        const pasted = `${scheme}${upper ? host.toUpperCase() : host}${rest}`;
        assert.equal(siteNameFrom(pasted, { example: 'targetcompany', domain: 'freshbooks.com' }), site);
      }),
    );
  });

  describe('any walk through the wizard', () => {
    let emulator: RunningEmulator;
    before(async () => {
      emulator = await startEmulator({ port: 0 });
    });
    after(() => emulator.close());

    /** What the user does at each box: go back (where offered), or answer; at the review, change an answer or go. */
    const move = fc.record({
      back: fc.boolean(),
      value: fc.stringMatching(/^[A-Za-z0-9-]{1,12}$/),
      flag: fc.boolean(),
      change: fc.option(fc.nat(4), { nil: undefined }),
    });

    it('provisions the last answer given at every step (Back and review changes included)', async function () {
      this.timeout(60_000);
      let runs = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(move, { maxLength: 24 }), async (moves) => {
          runs++;
          await resetEmulator(emulator);
          const m = await mount(emulator);
          try {
            m.browser.behavior = returnsToVsCode('allow');
            const last: Record<string, string> = {};
            let index = 0;
            let filler = 0;
            const next = () => moves[index++] ?? { back: false, value: `v${++filler}`, flag: false, change: undefined };
            vscode.ui.answer = function answer(call: vscode.UiCall) {
              this.calls.push(call);
              if (call.kind === 'message') return undefined;
              const text = callText(call);
              if (call.kind === 'quickPick' && PICK_ELEMENT.test(text)) return call.items.find((item: any) => item.element.key === 'xero');
              if (call.kind === 'quickPick' && /Provision Element: Xero/.test(text)) return call.items.find((item: any) => item.flow.type === 'oauth1');
              const step = next();
              if (call.kind === 'quickPick' && REVIEW.test(text)) {
                return step.change === undefined ? call.items[0] : call.items.filter((item: any) => item.step !== undefined)[step.change];
              }
              if (step.back && call.options.buttons?.length) return vscode.QuickInputButtons.Back;
              const label = /: ([^:]+?) \(\d+\/\d+\)/.exec(call.options.title)![1]!;
              if (call.kind === 'quickPick') {
                last[label] = String(step.flag);
                return call.items.find((item: any) => item.label === String(step.flag));
              }
              last[label] = step.value;
              return step.value;
            };
            await provision(m);
            const [record] = await storedInstances(emulator);
            assert.ok(record, `nothing provisioned after ${JSON.stringify(moves)}`);
            assert.equal(record.configuration['oauth.api.key'], last['Consumer Key']);
            assert.equal(record.configuration['oauth.api.secret'], last['Consumer Secret']);
            assert.equal(record.configuration['xero.partner'], last['Partner application']);
            assert.equal(record.name, last['Instance name']);
            assert.deepEqual(record.tags, parseTags(last.Tags ?? ''));
          } finally {
            m.dispose();
          }
        }),
        { numRuns: 40 },
      );
      assert.equal(runs, 40);
    });
  });
});
