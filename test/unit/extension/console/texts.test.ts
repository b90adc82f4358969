import assert from 'node:assert/strict';
import fc from 'fast-check';
import { storeTokenText } from '../../../../src/extension/console/texts';
import { connectionSentence, successText } from '../../../../src/extension/provisioning/outcomeTexts';
import { connectionTooltip, instanceDescriptionWith } from '../../../../src/extension/views/instanceNodes';

describe('the instance console\'s texts', () => {
  const instance = { id: 7, name: 'Books' };

  it('the provisioning outcome with its connection test', () => {
    assert.equal(successText({ action: 'create', instance, connection: { outcome: 'connected', ms: 12 } }), 'Created and connected: Books (#7) answered in 12 ms.');
    assert.equal(
      successText({ action: 'create', instance, connection: { outcome: 'failed', message: 'GET /hubs/finance/ping was refused (HTTP 403 Forbidden).' } }),
      'Created Books (#7), but the connection test failed: GET /hubs/finance/ping was refused (HTTP 403 Forbidden).',
    );
    assert.equal(successText({ action: 'create', instance, connection: { outcome: 'cancelled' } }), 'Created Books (#7); its connection test was cancelled.');
    assert.equal(
      successText({ action: 'create', instance, otherEnvironment: 'Staging', connection: { outcome: 'connected', ms: 3 } }),
      'Created and connected: Books (#7) in Staging answered in 3 ms. Its token is kept for that environment; the Instances view shows the one you switched to.',
    );
    assert.equal(successText({ action: 'create', instance }), 'Created Books (#7).', 'without a test, as before');
    assert.equal(connectionSentence('Re-authorized', 'Books (#7)', { outcome: 'connected', ms: 1 }), 'Re-authorized and connected: Books (#7) answered in 1 ms.');
  });

  it('the instance\'s description and tooltip after a test', () => {
    const at = new Date(2026, 0, 2, 3, 4, 5);
    assert.equal(instanceDescriptionWith({ id: 7, disabled: false, valid: true }, undefined), '#7');
    assert.equal(instanceDescriptionWith({ id: 7, disabled: false, valid: true }, { ok: true, ms: 9, at }), '#7 · connected (9 ms)');
    assert.equal(instanceDescriptionWith({ id: 7, disabled: true, valid: true }, { ok: false, at, message: 'x' }), '#7 (disabled) · connection failed');
    assert.equal(connectionTooltip({ ok: true, ms: 9, at }), "$(pass) Connected: the instance answered its hub's ping in 9 ms (tested at 03:04:05).");
    assert.equal(
      connectionTooltip({ ok: false, ms: 4, at, message: 'Refused [here](command:x).', requestId: 'r`1' }),
      "$(error) Connection test failed (at 03:04:05, after 4 ms): Refused \\[here\\]\\(command\\:x\\)\\.\n\nRequest id: `r'1`.",
    );
  });

  it('property: whatever the API said, the tooltip shows it as text (no link, no emphasis, no HTML)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.string({ maxLength: 20 }), (message, requestId) => {
        const tooltip = connectionTooltip({ ok: false, at: new Date(0), message, requestId });
        const shown = tooltip.slice(tooltip.indexOf('): ') + 3);
        // Every Markdown-active character of the message is escaped.
        assert.doesNotMatch(shown.split('\n\nRequest id:')[0]!, /(?<!\\)[[\]()<>*_`]/);
      }),
      { numRuns: 300 },
    );
  });

  it('the offer to keep a token read from the API', () => {
    assert.equal(
      storeTokenText(['7']),
      'The keychain had no token for instance 7 in this environment, so it was read from Cloud Elements (GET /instances/{id}) for this request only. Store it in the keychain?',
    );
    assert.match(storeTokenText(['7', '9']), /^The keychain had no token for instances 7 and 9 in this environment, so they were read .* Store them in the keychain\?$/);
  });
});
