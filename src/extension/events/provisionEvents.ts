/**
 * The wizard's events step (issue 22 item 1), for elements whose catalog entry documents events
 * (core/catalog/eventSupport.ts): events on or off, polling or webhooks, the refresh interval
 * and the resources to poll (a JSON poller configuration, or the legacy resource list, generated
 * from them), the callback URL of this window's receiver, and a new signature key, sent with the
 * instance and kept in the keychain once it exists, never shown.
 */
import * as vscode from 'vscode';
import type { EnvironmentId } from '../../core/api/environments';
import { eventSupportFor } from '../../core/catalog/eventSupport';
import type { EventMethod } from '../../core/catalog/eventSupport';
import { eventConfiguration, refreshIntervalProblem } from '../../core/events/instanceEvents';
import { EVENTS_ENABLED, isOn, SIGNATURE_KEY } from '../../core/events/keys';
import { keychainReference } from '../../core/instanceFile/values';
import { newSignatureKey } from '../../core/events/signatureKey';
import type { Log } from '../log';
import { notify } from '../notify';
import type { EnvironmentVault } from '../secrets';
import { callbackUrlFor } from './callbackChoice';
import type { EventInbox } from './eventInbox';
import { signatureKeyName } from './eventInbox';

export interface EventsAnswer {
  /** The entries to add to the new instance's configuration. */
  configuration: Record<string, string>;
  /** Keeps the signature key in the keychain under the created instance's id. */
  keep(instanceId: number | string): Promise<void>;
}

/** What provisioning asks of events: `none` (not offered, or declined), undefined on Escape. */
export interface ProvisioningEvents {
  ask(
    element: { key: string; name: string; hub: string },
    run: { environment: { id: EnvironmentId }; vault: EnvironmentVault },
    title: string,
    prefill?: Record<string, unknown>,
  ): Promise<EventsAnswer | 'none' | undefined>;
}

/**
 * An instance file's event keys, carried as written (Provision from This File, a template): a
 * poller configuration written as an object becomes the JSON string the platform stores, a
 * `${keychain:NAME}` signature key is read from the keychain. Undefined when the file does not turn events on;
 * `missing` names a keychain entry that is not there.
 */
export async function eventsFromFile(prefill: Record<string, unknown>, vault: EnvironmentVault): Promise<{ configuration: Record<string, string>; signatureKey?: string } | { missing: string } | undefined> {
  const configuration: Record<string, string> = {};
  for (const [key, value] of Object.entries(prefill)) {
    if (!key.startsWith('event.') || value === undefined || value === null) continue;
    configuration[key] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  // A file with events off (a new template's) leaves the choice to the wizard's step.
  if (!isOn(configuration[EVENTS_ENABLED])) return undefined;
  const written = configuration[SIGNATURE_KEY];
  if (written === undefined || written === '') return { configuration };
  const reference = keychainReference(written);
  const signatureKey = reference === undefined ? written : await vault.keychain(reference);
  if (signatureKey === undefined) return { missing: reference! };
  configuration[SIGNATURE_KEY] = signatureKey;
  return { configuration, signatureKey };
}

interface MethodItem extends vscode.QuickPickItem {
  method: EventMethod | 'none';
}

const METHOD_TEXT: Readonly<Record<EventMethod, (name: string) => Omit<MethodItem, 'method'>>> = {
  polling: (name) => ({ label: '$(sync) Polling', detail: `The platform polls ${name} every few minutes and posts what changed.` }),
  webhook: (name) => ({ label: '$(zap) Webhooks', detail: `${name} notifies the platform at once, and the platform posts each event.` }),
};

export function provisioningEvents(events: EventInbox, apiBaseUrl: () => string | undefined, log: Log): ProvisioningEvents {
  return {
    async ask(element, run, title, prefill) {
      const fromFile = prefill ? await eventsFromFile(prefill, run.vault) : undefined;
      if (fromFile && 'missing' in fromFile) {
        void notify('error', `The file's ${SIGNATURE_KEY} names the keychain entry "${fromFile.missing}", which this environment's keychain does not have. Nothing was sent.`);
        return undefined;
      }
      if (fromFile) {
        const { configuration, signatureKey } = fromFile;
        if (signatureKey !== undefined) log.addSecret(signatureKey);
        return {
          configuration,
          keep: async (instanceId) => {
            if (signatureKey !== undefined) await run.vault.setKeychain(signatureKeyName(instanceId), signatureKey);
          },
        };
      }
      const support = eventSupportFor(element.key);
      if (!support) return 'none';
      const items: MethodItem[] = [
        { label: '$(circle-slash) No events', detail: 'Turn them on later with Enable Events on the instance.', method: 'none' },
        ...support.methods.map((method) => ({ ...METHOD_TEXT[method](element.name), method })),
      ];
      const picked = await vscode.window.showQuickPick(items, { title: `${title}: Events`, placeHolder: `Events of the new instance (${element.name} documents ${support.methods.join(' and ')})`, ignoreFocusOut: true });
      if (!picked) return undefined;
      if (picked.method === 'none') return 'none';
      let refreshMinutes: number | undefined;
      let resources: string[] = [];
      if (picked.method === 'polling') {
        const interval = await vscode.window.showInputBox({
          title: `${title}: Event poller refresh interval`,
          prompt: 'Minutes between polls (event.poller.refresh_interval).',
          value: '15',
          ignoreFocusOut: true,
          validateInput: refreshIntervalProblem,
        });
        if (interval === undefined) return undefined;
        refreshMinutes = Number(interval.trim());
        if (support.resources.length > 0) {
          const chosen = await vscode.window.showQuickPick(
            support.resources.map((resource) => ({ label: resource, description: `/hubs/${element.hub}/${resource}` })),
            { title: `${title}: Resources to poll`, placeHolder: 'Choose the resources to poll; none keeps the element\'s default', canPickMany: true, ignoreFocusOut: true },
          );
          if (chosen === undefined) return undefined;
          resources = chosen.map((item) => item.label);
        }
      }
      const callbackUrl = await callbackUrlFor(run.environment.id, apiBaseUrl(), await events.receiver());
      if (callbackUrl === undefined) return undefined;
      const signatureKey = newSignatureKey();
      log.addSecret(signatureKey);
      const configuration = eventConfiguration(element.hub, support, { method: picked.method, ...(refreshMinutes !== undefined && { refreshMinutes }), resources, callbackUrl, signatureKey });
      return {
        configuration,
        keep: async (instanceId) => {
          await run.vault.setKeychain(signatureKeyName(instanceId), signatureKey);
          log.info(`Events on for instance ${instanceId}: ${picked.method}, callback ${callbackUrl}, signature key in the keychain.`);
        },
      };
    },
  };
}
