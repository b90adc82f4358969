/**
 * The provider apps `npm start` registers with the emulator, as a user registers an app with the
 * real provider: a client id and the redirect URIs that provider takes. The demo's VS Code gets
 * `cloudElements.loopbackPort`, so callback mode "loopback" comes back on exactly the registered
 * http://localhost:<port>/callback. Intuit takes http://localhost for development keys only.
 */
export const DEMO_LOOPBACK_PORT = 53682;

export interface DemoApp {
  element: string;
  name: string;
  clientId: string;
  redirectUris: string[];
  development?: boolean;
}

export function demoApps(port = DEMO_LOOPBACK_PORT): DemoApp[] {
  const loopback = `http://localhost:${port}/callback`;
  return [
    { element: 'quickbooks', name: 'QuickBooks Online (OAuth 2, Intuit development keys)', clientId: 'demo-intuit-dev', redirectUris: [loopback], development: true },
    { element: 'xero', name: 'Xero (OAuth 2)', clientId: 'demo-xero', redirectUris: [loopback] },
    { element: 'sageoneus', name: 'Sage One US (OAuth 2)', clientId: 'demo-sage', redirectUris: [loopback] },
  ];
}

/** The banner's lines about them. */
export function demoAppsBanner(apps: readonly DemoApp[], port = DEMO_LOOPBACK_PORT): string {
  const list = apps.map((app) => `    ${app.clientId.padEnd(18)} ${app.name}`).join('\n');
  return `  Provider apps registered with the emulator (redirect URI http://localhost:${port}/callback,
  which VS Code's cloudElements.loopbackPort is set to): use callback mode "loopback" with
${list}
  Their providers refuse any other callback, as the real ones do (the wizard says so first);
  any other client id takes any callback.`;
}
