/**
 * Where events go. Events enabled (`event.notification.enabled`, or the top-level `eventsEnabled`
 * a response mirrors it in) need `event.notification.callback.url`, "your application's URL"
 * (devportal docs/guides/event-management/index.md L29-32). That URL should be https, where each
 * event and its signature travel encrypted (http is fine to this machine: a local receiver, the
 * emulator), and not the platform's own inbound webhook URL `…/elements/api-v2/events/{key}`,
 * which element pages and the element template put there (src/core/events/callbackUrl.ts).
 */
import { classifyCallbackUrl } from '../../events/callbackUrl';
import { CALLBACK_URL, EVENTS_ENABLED, isOn } from '../../events/keys';
import { replaceValue } from '../edits';
import type { ValueNode } from '../parse';
import { range } from './context';
import type { LintContext } from './context';
import type { Report } from '../findings';
import { defineRule } from './rule';

export const eventCallback = defineRule({
  id: 'event-callback',
  description: 'Events enabled without a callback URL, or a callback URL that is not https (loopback aside) or is the platform\'s own inbound /events URL',
  defaultSeverity: 'warning',
  check(ctx, report) {
    if (!ctx.body) return;
    const entries = ctx.configurationEntries;
    const callback = entries.find((entry) => entry.key === CALLBACK_URL);
    const enabled = enabledAt(ctx);
    const url = callback?.value;
    const absent = !url || url.type === 'null' || (url.type === 'string' && url.value.trim() === '');
    if (enabled && absent) {
      const configuration = ctx.configuration;
      report(
        `Events are enabled, and there is no "${CALLBACK_URL}": the platform has no URL to deliver them to. Add your app's https URL`,
        range(enabled),
        configuration && !callback
          ? [{ title: `Add "${CALLBACK_URL}"`, edits: [ctx.insert(configuration, [[CALLBACK_URL, '"<INSERT_EVENT_NOTIFICATION_CALLBACK_URL>"']])], safe: false, preferred: true }]
          : [],
      );
    }
    if (!callback || !url || url.type !== 'string' || callback.placeholder || callback.keychainReference) return;
    callbackUrl(report, url.value, url);
  },
});

/** The value that turns events on, when one does. */
function enabledAt(ctx: LintContext): ValueNode | undefined {
  const flag = ctx.configurationEntries.find((entry) => entry.key === EVENTS_ENABLED)?.value;
  if (flag && isOn(flag.value)) return flag;
  const top = ctx.property('eventsEnabled')?.value;
  return top && isOn(top.value) ? top : undefined;
}

function callbackUrl(report: Report, text: string, node: ValueNode): void {
  switch (classifyCallbackUrl(text)) {
    case 'insecure': {
      const secure = text.trim().replace(/^http:/i, 'https:');
      report(`"${CALLBACK_URL}" is http: the platform would post each event, and its signature, unencrypted. Use https; http is fine only to this machine (localhost, 127.0.0.1), where a local receiver listens`, range(node), [
        { title: 'Change to https://', edits: [replaceValue(node, JSON.stringify(secure))], safe: false, preferred: true },
      ]);
      return;
    }
    case 'inbound':
      report(
        `"${CALLBACK_URL}" is the platform's own inbound URL for provider webhooks (…/elements/api-v2/events/{elementKey}), as some element pages write it: events would go back to the platform, not to your app. Put your app's URL here`,
        range(node),
      );
      return;
    default:
      return; // https, loopback, or not a URL (the url rule says why)
  }
}
