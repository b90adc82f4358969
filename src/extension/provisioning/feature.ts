/**
 * Provision Element, Re-authorize Instance and the way back from the browser: the entry of
 * dist/provisioning.js, which the extension loads the first time one of its commands or the URI
 * handler is used (register.ts). Wires the run's collaborators once: the one CallbackInbox every
 * callback is delivered to, the flows waiting for the browser, and the provisioner (provision.ts).
 */
import { CallbackInbox } from './callbackInbox';
import type { ProvisioningDeps, ProvisioningFeature } from './contract';
import { saveForwardingPage } from './forwardingPage';
import { enterCallbackUrl } from './pasteBox';
import { provisioningEvents } from '../events/provisionEvents';
import { createProvisioner } from './provision';
import { provisionElement } from './provisionElement';
import { reauthorizeInstance } from './reauthorizeInstance';
import { instancesDisplay } from './showOutcome';
import { copyAuthorizationUrl, WaitingAuthorizations } from './waitingAuthorizations';

export function createProvisioning(deps: ProvisioningDeps): ProvisioningFeature {
  const { session, registry, log, instances, testConnection, extensionUri, eventInbox } = deps;
  const events = eventInbox && provisioningEvents(eventInbox, () => session.state.baseUrl, log);
  const inbox = new CallbackInbox(registry, log);
  const display = instancesDisplay(session, instances, testConnection);
  const waiting = new WaitingAuthorizations();
  const provisioner = createProvisioner(deps, { registry, inbox, display, waiting, ...(events && { events }) });
  return {
    provision: (argument) => provisionElement(provisioner, log, argument),
    reauthorize: (argument) => reauthorizeInstance(provisioner, argument),
    enterCallbackUrl: () => enterCallbackUrl(inbox),
    copyAuthorizationUrl: (id) => copyAuthorizationUrl(waiting, log, id),
    saveForwardingPage: async () => (extensionUri ? saveForwardingPage(extensionUri, log) : undefined),
    handleUri: (uri) => inbox.uriHandler.handleUri(uri),
    dispose: () => display.dispose(),
  };
}
