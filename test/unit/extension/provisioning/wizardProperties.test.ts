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

    /**
     * What the user does at each box: go back (where offered), accept what the box shows (the
     * answer given before, or the open instance file's), or answer; at the review, change an
     * answer or go.
     */
    const move = fc.record({
      back: fc.boolean(),
      accept: fc.boolean(),
      value: fc.stringMatching(/^[A-Za-z0-9-]{1,12}$/),
      flag: fc.boolean(),
      change: fc.option(fc.nat(4), { nil: undefined }),
    });

    /** An open xero instance file, and what its answers show as in the wizard (a secret written in a file is not offered). */
    const FILE = {
      text: JSON.stringify({
        element: { key: 'xero' },
        configuration: { 'oauth.api.key': 'file-key', 'oauth.api.secret': 'file-secret', 'xero.partner': 'true' },
        name: 'From the file',
        tags: ['books'],
      }),
      shown: { 'Consumer Key': '', 'Consumer Secret': '', 'Partner application': 'true', 'Instance name': 'From the file' } as Record<string, string>,
    };

    it('provisions the last answer given at every step (Back, review changes and prefilled answers accepted included)', async function () {
      this.timeout(60_000);
      let runs = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(move, { maxLength: 24 }), fc.boolean(), async (moves, withFile) => {
          runs++;
          await resetEmulator(emulator);
          const m = await mount(emulator);
          try {
            m.browser.behavior = returnsToVsCode('allow');
            if (withFile) vscode.showEditor(vscode.openDocument(vscode.createTextDocument('file:///work/project/xero.instance.json', FILE.text)));
            const last: Record<string, string> = {};
            let index = 0;
            let filler = 0;
            const next = () => moves[index++] ?? { back: false, accept: false, value: `v${++filler}`, flag: false, change: undefined };
            /** What a box shows when it opens: the answer given at its step, else the file's. */
            const assertShows = (label: string, shown: string) => {
              if (label in last) assert.equal(shown, last[label], `${label} shows the answer given before, after ${JSON.stringify(moves)}`);
              else if (withFile && label in FILE.shown) assert.equal(shown, FILE.shown[label], `${label} shows the open file's answer`);
            };
            // A check that fails inside the UI stops the wizard (as Escape) and fails the run with its
            // cause; thrown into the fake, it would leave the wizard waiting until mocha's timeout.
            let failure: unknown;
            const user = (call: vscode.UiCall) => {
              const text = callText(call);
              if (call.kind === 'quickPick' && PICK_ELEMENT.test(text)) return call.items.find((item: any) => item.element.key === 'xero');
              if (call.kind === 'quickPick' && /Provision Element: Xero/.test(text)) return call.items.find((item: any) => item.flow.type === 'oauth1');
              const step = next();
              if (call.kind === 'quickPick' && REVIEW.test(text)) {
                return step.change === undefined ? call.items[0] : call.items.filter((item: any) => item.step !== undefined)[step.change];
              }
              const label = /: ([^:]+?) \(\d+\/\d+\)/.exec(call.options.title)![1]!;
              if (call.kind === 'quickPick') {
                const active = call.options.activeItems?.[0];
                if (active) assertShows(label, active.label);
                if (step.back && call.options.buttons?.length) return vscode.QuickInputButtons.Back;
                const chosen = step.accept && active ? active : call.items.find((item: any) => item.label === String(step.flag));
                last[label] = chosen.label;
                return chosen;
              }
              // A box asked again after Enter was refused shows what was typed, not an answer.
              if (call.options.validationMessage === undefined) assertShows(label, call.options.value);
              if (step.back && call.options.buttons?.length) return vscode.QuickInputButtons.Back;
              const accepted = step.accept && call.options.value !== '';
              last[label] = accepted ? call.options.value : step.value;
              return last[label];
            };
            vscode.ui.answer = function answer(call: vscode.UiCall) {
              this.calls.push(call);
              if (call.kind === 'message' || failure !== undefined) return undefined;
              try {
                return user(call);
              } catch (error) {
                failure = error;
                return undefined;
              }
            };
            await provision(m);
            if (failure !== undefined) throw failure;
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
