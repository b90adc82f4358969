/**
 * The apps `npm start` registers (scripts/demoApps.ts): each provider's portal would take them,
 * and the demo's loopback callback is one the provider accepts, as the wizard says.
 */
import assert from 'node:assert/strict';
import { redirectRulesFor } from '../../../src/core/catalog/redirectRules';
import { adviseCallback } from '../../../src/core/provisioning/callbackAdvice';
import { startEmulator } from '../../../src/emulator/server';
import { DEMO_LOOPBACK_PORT, demoApps, demoAppsBanner } from '../../../scripts/demoApps';

describe('the demo\'s provider apps', () => {
  it('the emulator takes them as each provider would, and lists them', async () => {
    const emulator = await startEmulator({ port: 0, apps: demoApps() });
    try {
      const listed = (await (await fetch(`${emulator.url}/__admin/apps`)).json()) as Array<{ clientId: string; redirectUris: string[] }>;
      assert.deepEqual(listed.map((app) => app.clientId), ['demo-intuit-dev', 'demo-xero', 'demo-sage']);
      for (const app of listed) assert.deepEqual(app.redirectUris, [`http://localhost:${DEMO_LOOPBACK_PORT}/callback`]);
    } finally {
      await emulator.close();
    }
  });

  it('callback mode "loopback" on the demo\'s port is what their providers take; the banner says how to use them', () => {
    for (const app of demoApps()) {
      const advice = adviseCallback(redirectRulesFor(app.element, 'oauth2'), { mode: 'loopback', port: DEMO_LOOPBACK_PORT }, { elementName: app.name });
      assert.equal(advice.verdict, app.development ? 'development-keys-only' : 'accepted', advice.text);
      assert.equal(advice.register, `http://localhost:${DEMO_LOOPBACK_PORT}/callback`);
    }
    assert.match(demoAppsBanner(demoApps()), /use callback mode "loopback" with\n {4}demo-intuit-dev {4}QuickBooks Online/);
  });
});
