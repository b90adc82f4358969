/**
 * The provisioning wizard as a user walks it (issue 11, points 3–5): Back to an earlier answer,
 * the review of every answer (secrets masked) where choosing one changes it, the element's note
 * said once, example placeholders, answers from the open instance file (keychain references stay
 * references), the site address reduced to the site's name, and the local emulator's hint.
 */
import assert from 'node:assert/strict';
import { catalog } from '../../../../src/core/catalog';
import { fieldPrompts } from '../../../../src/extension/provisioning/fieldPrompts';
import { prefillFromInstanceText } from '../../../../src/extension/provisioning/filePrefill';
import type { RunningEmulator } from '../../../../src/emulator/server';
import * as vscode from '../../vscode/fakeVscode';
import { assertNoSecretShown, callText, messages, mount, mountForEachTest, PICK_ELEMENT, provision, returnsToVsCode, REVIEW, storedInstances } from './setup';
import type { Mounted } from './setup';

/* eslint-disable @typescript-eslint/no-explicit-any -- quick pick items and options of the fake */

const KEY = 'XERO-WIZARD-KEY-0001';
const SECRET = 'XERO-WIZARD-SECRET-0002';

const uiText = () => vscode.ui.calls.filter((call) => call.kind !== 'message').map((call) => JSON.stringify((call as any).options));
const reviewCalls = () => vscode.ui.calls.filter((call): call is Extract<vscode.UiCall, { kind: 'quickPick' }> => call.kind === 'quickPick' && REVIEW.test(callText(call)));

describe('the provisioning wizard', () => {
  let emulator: RunningEmulator;
  let m: Mounted;
  const suite = mountForEachTest({ port: 0 }, mount, (running, mounted) => ((emulator = running), (m = mounted)));
  beforeEach(() => {
    m.browser.behavior = returnsToVsCode('allow');
  });

  // Xero OAuth 1 (legacy): a text box, a secret, a boolean pick, the name and the tags — every kind of step.
  function pickXero(flow = 'oauth1'): void {
    m.user.pick(PICK_ELEMENT, (item) => item.element.key === 'xero').pick(/Provision Element: Xero/, (item) => item.flow.type === flow);
  }

  it('Back returns to the previous step with its answer, which can be changed', async () => {
    pickXero();
    m.user
      .input(/: Consumer Key \(1\/5\)/, 'TYPO-KEY')
      .on('inputBox', /: Consumer Secret \(2\/5\)/, () => vscode.QuickInputButtons.Back)
      .on('inputBox', /: Consumer Key \(1\/5\)/, (call) => {
        assert.equal(call.options.value, 'TYPO-KEY', 'the earlier answer is in the box');
        assert.deepEqual(call.options.buttons, [], 'the first step has no Back');
        return KEY;
      })
      .input(/: Consumer Secret \(2\/5\)/, SECRET)
      .on('quickPick', /: Partner application \(3\/5\)/, () => vscode.QuickInputButtons.Back)
      .on('inputBox', /: Consumer Secret \(2\/5\)/, (call) => call.options.value)
      .pick(/: Partner application \(3\/5\)/, (item) => item.label === 'true')
      .accept(/: Instance name/)
      .input(/: Tags/, 'a, b')
      .review();
    await provision(m);
    const [record] = await storedInstances(emulator);
    assert.ok(record, JSON.stringify(vscode.ui.calls.map(callText)));
    assert.equal(record.configuration['oauth.api.key'], KEY);
    assert.equal(record.configuration['oauth.api.secret'], SECRET);
    assert.equal(record.configuration['xero.partner'], 'true');
    const secret = vscode.ui.calls.find((call) => call.kind === 'inputBox' && /Consumer Secret/.test(call.options.title)) as any;
    assert.deepEqual(secret.options.buttons, [vscode.QuickInputButtons.Back]);
    // Coming back, the secret typed before is in its password box again (masked); nowhere else.
    const withSecret = vscode.ui.calls.filter((call) => JSON.stringify(call).includes(SECRET)) as any[];
    assert.deepEqual(withSecret.map((call) => [call.options.title, call.options.password, call.options.value]), [['Provision Xero (OAuth 1): Consumer Secret (2/5)', true, SECRET]]);
    await assertNoSecretShown(m, [], [KEY, SECRET]);
  });

  it('the review lists every answer (secrets masked); choosing one changes it and comes back; the first item provisions', async () => {
    pickXero();
    let reviews = 0;
    m.user
      .input(/: Consumer Key \(1/, KEY)
      .input(/: Consumer Secret \(2/, SECRET)
      .pick(/: Partner application \(3/, (item) => item.label === 'false')
      .input(/: Instance name/, 'Books')
      .input(/: Tags/, '')
      .on(
        'quickPick',
        REVIEW,
        (call) => {
          reviews++;
          return reviews === 1 ? call.items.find((item: any) => item.label === 'Instance name') : call.items[0];
        },
        2,
      )
      .on('inputBox', /: Instance name \(4\/5\)/, (call) => {
        assert.equal(call.options.value, 'Books');
        assert.deepEqual(call.options.buttons, [vscode.QuickInputButtons.Back], 'Back returns to the review');
        return 'Books renamed';
      });
    await provision(m);
    const [record] = await storedInstances(emulator);
    assert.equal(record?.name, 'Books renamed');
    const [firstReview, secondReview] = reviewCalls();
    assert.ok(firstReview && secondReview);
    assert.equal(firstReview.options.title, 'Provision Xero (OAuth 1): Review');
    assert.deepEqual(
      firstReview.items.map((item: any) => [item.label, item.description]),
      [
        ['$(check) Provision', 'create the Xero instance in Custom base URL, after you authorize in the browser'],
        ['Your answers: choose one to change it', undefined],
        ['Consumer Key', '••••••••'],
        ['Consumer Secret', '••••••••'],
        ['Partner application', 'false'],
        ['Instance name', 'Books'],
        ['Tags', '(none)'],
      ],
    );
    assert.equal(firstReview.items[1].kind, vscode.QuickPickItemKind.Separator);
    assert.equal(secondReview.items.find((item: any) => item.label === 'Instance name').description, 'Books renamed');
    await assertNoSecretShown(m, [KEY, SECRET]);
  });

  it('Back on the review returns to the last step; Escape on the review sends nothing', async () => {
    pickXero();
    m.user
      .input(/: Consumer Key \(1/, KEY)
      .input(/: Consumer Secret \(2/, SECRET)
      .pick(/: Partner application \(3/, (item) => item.label === 'false')
      .accept(/: Instance name/)
      .input(/: Tags/, 'first', 2)
      .on('quickPick', REVIEW, () => vscode.QuickInputButtons.Back);
    await provision(m);
    const tags = vscode.ui.calls.filter((call) => call.kind === 'inputBox' && /: Tags \(5\/5\)/.test(call.options.title)) as any[];
    assert.equal(tags.length, 2, 'Tags again after Back');
    assert.equal(tags[1].options.value, 'first');
    assert.equal(reviewCalls().length, 2);
    assert.deepEqual(await storedInstances(emulator), []);
    assert.deepEqual(messages(), []);
    assert.equal(m.browser.opened.length, 0);
  });

  it("the element's note is said once, under the first box; no placeholder is a documentation placeholder", async () => {
    pickXero();
    m.user.input(/: Consumer Key \(1/, KEY).input(/: Consumer Secret \(2/, SECRET).pick(/: Partner application/, (item) => item.label === 'false');
    m.user.accept(/: Instance name/).input(/: Tags/, '').review();
    await provision(m);
    const shown = uiText().join('\n');
    assert.equal(shown.match(/a public Xero application must renew/g)?.length, 1, shown);
    const first = vscode.ui.calls.find((call) => call.kind === 'inputBox') as any;
    assert.match(first.options.prompt, /^The Consumer Key of your Xero app\. — Note: With OAuth 1\.0a \(legacy\), a public Xero application must renew/);
    assert.doesNotMatch(shown, /<INSERT_|<[A-Z_]+>/);
  });

  it('with a stored key first, the note goes under the first step that is always a text box', async () => {
    await m.services.vault.setAppSecret('custom', 'xero', 'oauth.api.key', KEY);
    pickXero();
    m.user.pick(/: Consumer Key \(1/, (item) => item.choice === 'stored').input(/: Consumer Secret \(2/, SECRET).pick(/: Partner application/, (item) => item.label === 'false');
    m.user.accept(/: Instance name/).input(/: Tags/, '').review();
    await provision(m);
    const secret = vscode.ui.calls.find((call) => call.kind === 'inputBox' && /Consumer Secret \(2/.test(call.options.title)) as any;
    assert.match(secret.options.prompt, /^The Consumer Secret of your Xero app\. — Note: With OAuth 1\.0a \(legacy\), a public Xero application must renew/);
    assert.equal(uiText().join('\n').match(/a public Xero application must renew/g)?.length, 1);
    const review = reviewCalls()[0]!;
    assert.equal(review.items.find((item: any) => item.label === 'Consumer Key').description, '•••••••• (stored in the keychain)');
    assert.equal((await storedInstances(emulator))[0]?.configuration['oauth.api.key'], KEY);
  });

  it('FreshBooks Site Address: a pasted https://democo.freshbooks.com is kept as democo (and says so); another site is refused with what is expected', async () => {
    m.user
      .pick(PICK_ELEMENT, (item) => item.element.key === 'freshbooks')
      .input(/: API Key \(1/, 'FRESHBOOKS-WIZARD-KEY')
      .input(/: API Secret \(2/, 'FRESHBOOKS-WIZARD-SECRET')
      .input(/: Site Address \(3/, 'https://democo.example.com')
      .on('inputBox', /: Site Address \(3/, (call) => {
        assert.equal(call.options.validationMessage, "Enter the site's name only: targetcompany for targetcompany.freshbooks.com.");
        return 'https://democo.freshbooks.com/';
      })
      .accept(/: Instance name/)
      .input(/: Tags/, '')
      .review();
    await provision(m);
    const [record] = await storedInstances(emulator);
    assert.equal(record?.configuration['freshbooks.site.address'], 'democo');
    const boxes = vscode.ui.calls.filter((call) => call.kind === 'inputBox') as any[];
    const key = boxes.find((box) => /API Key \(1/.test(box.options.title));
    assert.match(key.options.prompt, /^The API key \(OAuth consumer key\) of your FreshBooks app/);
    const site = boxes.find((box) => /Site Address \(3/.test(box.options.title));
    assert.match(site.options.prompt, /^The FreshBooks site to authorize: targetcompany for targetcompany\.freshbooks\.com\./);
    assert.equal(site.options.placeHolder, 'e.g. targetcompany');
    assert.equal(reviewCalls()[0]!.items.find((item: any) => item.label === 'Site Address').description, 'democo');
  });

  it('an open instance file of the element prefills the answers; its keychain references stay references and are resolved when sending', async () => {
    await m.services.vault.setKeychain('custom', 'xero.oauth.api.key', KEY);
    await m.services.vault.setKeychain('custom', 'xero.oauth.api.secret', SECRET);
    const file = vscode.createTextDocument(
      'file:///work/project/xero.instance.json',
      JSON.stringify({
        element: { key: 'xero' },
        configuration: { 'oauth.api.key': '${keychain:xero.oauth.api.key}', 'oauth.api.secret': '${keychain:xero.oauth.api.secret}', 'xero.partner': 'true' },
        tags: ['books', '<INSERT_TAGS>'],
        name: 'From the file',
      }),
    );
    vscode.showEditor(vscode.openDocument(file));
    pickXero();
    m.user.accept(/: Consumer Key \(1/).accept(/: Consumer Secret \(2/).pick(/: Partner application/, (item) => item.label === 'true');
    m.user.accept(/: Instance name/).accept(/: Tags/).review();
    await provision(m);
    const [record] = await storedInstances(emulator);
    assert.ok(record);
    assert.deepEqual([record.name, record.tags], ['From the file', ['books']]);
    assert.equal(record.configuration['oauth.api.key'], KEY);
    assert.equal(record.configuration['oauth.api.secret'], SECRET);
    const key = vscode.ui.calls.find((call) => call.kind === 'inputBox') as any;
    assert.equal(key.options.value, '${keychain:xero.oauth.api.key}');
    assert.equal(key.options.password, false, 'a reference is no secret');
    assert.match(key.options.prompt, /Note: Answers prefilled from xero\.instance\.json\./);
    const partner = vscode.ui.calls.find((call) => call.kind === 'quickPick' && /Partner application/.test(call.options.title)) as any;
    assert.equal(partner.options.activeItems[0].label, 'true');
    assert.equal(reviewCalls()[0]!.items.find((item: any) => item.label === 'Consumer Key').description, '${keychain:xero.oauth.api.key}');
    assert.equal(await m.services.vault.appSecret('custom', 'xero', 'oauth.api.key'), undefined, 'a reference is not stored again as an app secret');
    await assertNoSecretShown(m, [KEY, SECRET]);
  });

  it('QuickBooks OAuth 2: no "Authentication type" box; an emptied Scope sends its default; the sandbox picker marks the default, not the file\'s value', async () => {
    const file = vscode.createTextDocument(
      'file:///work/project/qbo.instance.json',
      JSON.stringify({ element: { key: 'quickbooks' }, configuration: { use_sandbox: 'true', 'authentication.type': 'oauth2' }, name: 'Sandbox books' }),
    );
    vscode.showEditor(vscode.openDocument(file));
    m.user.pick(PICK_ELEMENT, (item) => item.element.key === 'quickbooks').pick(/Provision Element: QuickBooks/, (item) => item.flow.type === 'oauth2');
    m.user
      .input(/: Client ID \(1/, 'QBO-WIZARD-KEY-0001')
      .input(/: Client Secret \(2/, 'QBO-WIZARD-SECRET-0002')
      .input(/: Minor version \(3/, '')
      .pick(/: Sandbox company \(4/, (item) => item.label === 'true')
      .input(/: Scope \(5/, '')
      .accept(/: Instance name/)
      .input(/: Tags/, '')
      .review();
    await provision(m);
    const titles = vscode.ui.calls.filter((call) => call.kind !== 'message').map((call) => (call as any).options.title as string);
    assert.ok(!titles.some((title) => /Authentication type/.test(title)), titles.join('\n'));
    const sandbox = vscode.ui.calls.find((call) => call.kind === 'quickPick' && /Sandbox company/.test(call.options.title)) as any;
    assert.deepEqual(sandbox.items.map((item: any) => [item.label, item.description]), [['false', 'default'], ['true', undefined]]);
    assert.equal(sandbox.options.activeItems[0].label, 'true', 'the file\'s value is the active item');
    const scope = vscode.ui.calls.find((call) => call.kind === 'inputBox' && /Scope/.test(call.options.title)) as any;
    assert.equal(scope.options.value, 'com.intuit.quickbooks.accounting', 'prefilled with its default');
    assert.equal(reviewCalls()[0]!.items.find((item: any) => item.label === 'Scope').description, 'com.intuit.quickbooks.accounting (the default)');
    const [record] = await storedInstances(emulator);
    assert.ok(record, JSON.stringify(vscode.ui.calls.filter((call) => call.kind === 'message')));
    assert.equal(record.configuration['authentication.type'], 'oauth2');
    assert.equal(record.configuration.scope, 'com.intuit.quickbooks.accounting');
    assert.equal(record.configuration.use_sandbox, 'true');
    assert.equal(record.configuration['quickbooks.minorversion'], undefined);
  });

  it('a reference the keychain does not hold is refused on its step, naming the environment', async () => {
    const file = vscode.createTextDocument(
      'file:///work/project/xero.instance.json',
      JSON.stringify({ element: { key: 'xero' }, configuration: { 'oauth.api.key': '${keychain:nowhere}' } }),
    );
    vscode.showEditor(vscode.openDocument(file));
    pickXero();
    m.user.accept(/: Consumer Key \(1/);
    await provision(m);
    const keys = vscode.ui.calls.filter((call) => call.kind === 'inputBox' && /Consumer Key/.test(call.options.title)) as any[];
    assert.equal(keys.length, 2, 'asked again');
    assert.equal(keys[1].options.validationMessage, '${keychain:nowhere} is not in the keychain (Custom base URL): type the value instead.');
    assert.deepEqual(await storedInstances(emulator), []);
  });

  it('what an open file gives: only for its element, read as the linter reads it (curly quotes, comments), no placeholders', () => {
    assert.equal(prefillFromInstanceText('{"element": {"key": "xero"}}', 'freshbooks', 'x.json'), undefined);
    assert.equal(prefillFromInstanceText('not json', 'xero', 'x.json'), undefined);
    // Curly quotes read two ways (the key ’, or the key ”:{},“’): no answers from a guess.
    assert.equal(prefillFromInstanceText('{"element": {"key": "xero"}, "name": "n", "configuration": {“”:{},“’”:0}}', 'xero', 'x.json'), undefined);
    assert.deepEqual(prefillFromInstanceText('{“element”: {“key”: “xero”}, “configuration”: {“xero.partner”: “true”}}', 'xero', 'x.json'), {
      configuration: { 'xero.partner': 'true' },
      file: 'x.json',
    });
    assert.deepEqual(
      prefillFromInstanceText('{"element": {"key": "xero"}, "name": "<INSERT_NAME>", // c\n "configuration": {"a": "b", "c": 1, "d": "<INSERT_D>"}, "tags": ["t", 2, "<INSERT_TAGS>"],}', 'xero', 'x.json'),
      { configuration: { a: 'b' }, tags: ['t'], file: 'x.json' },
    );
  });

  it('against the local emulator: the note and the secret boxes say any app key and secret will do', async () => {
    await suite.remount(mount);
    m.browser.behavior = returnsToVsCode('allow');
    vscode.settings.set('cloudElements.environment', 'local');
    vscode.settings.set('cloudElements.localEmulatorAddress', new URL(emulator.apiBaseUrl).host);
    await m.services.vault.setAccount('local', { userSecret: emulator.userSecret, orgSecret: emulator.orgSecret });
    await m.services.session.refresh();
    pickXero();
    m.user.input(/: Consumer Key \(1/, 'anything').input(/: Consumer Secret \(2/, 'anything-else').pick(/: Partner application/, (item) => item.label === 'false');
    m.user.accept(/: Instance name/).input(/: Tags/, '').review();
    await provision(m);
    assert.equal((await storedInstances(emulator)).length, 1);
    const key = vscode.ui.calls.find((call) => call.kind === 'inputBox') as any;
    assert.equal(key.options.placeHolder, 'Any value will do with the local emulator');
    assert.match(key.options.prompt, /Note: The local emulator stands in for the provider: any app key and secret will do\./);
    assert.match(reviewCalls()[0]!.items[0].description, /in Local emulator/);
  });
});

describe('provisioning prompts over the whole catalog', () => {
  it('every placeholder is an example, never a documentation placeholder; every help is the field\'s own', () => {
    let count = 0;
    for (const element of catalog.elements) {
      for (const flow of element.flows) {
        for (const emulator of [false, true]) {
          const prompts = fieldPrompts(element, flow, { emulator });
          for (const [index, prompt] of prompts.entries()) {
            count++;
            const where = `${element.key} ${flow.type} ${prompt.key}`;
            assert.doesNotMatch(prompt.placeHolder, /[<>]|^(e\.g\. )?(insert|fake)_/i, where);
            const field = flow.configuration.find((candidate) => candidate.key === prompt.key)!;
            assert.ok(prompt.prompt.startsWith(field.description ?? `The ${field.label}`), where);
            for (const other of prompts.filter((_, position) => position !== index)) {
              const help = flow.configuration.find((candidate) => candidate.key === other.key)?.description;
              if (help && help !== field.description) assert.ok(!prompt.prompt.includes(help), `${where} shows the help of ${other.key}`);
            }
          }
        }
      }
    }
    assert.ok(count > 600, `${count} prompts`);
  });
});
