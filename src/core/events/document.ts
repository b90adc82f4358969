/**
 * The read-only JSON document of one delivery: when and how it arrived, the signature verdict
 * in a sentence, what the body says, the headers (credentials redacted) and the raw body (as
 * JSON when it parses, else as the text received).
 */
import type { Delivery } from './delivery';
import { verdictLabel } from './delivery';
import { verdictText } from './signature';

const decoder = new TextDecoder('utf-8');

export function deliveryDocument(delivery: Delivery): string {
  const text = decoder.decode(delivery.body);
  let body: unknown = text;
  try {
    body = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    // Not JSON: shown as the text received.
  }
  const { summary } = delivery;
  const document = {
    receivedAt: new Date(delivery.receivedAt).toISOString(),
    signature: verdictLabel(delivery.verdict),
    signatureDetail: verdictText(delivery.verdict),
    instanceId: summary.instanceId ?? null,
    eventId: summary.eventId ?? null,
    events: summary.events,
    request: { method: delivery.method, path: delivery.path, bodyBytes: delivery.body.length, headers: delivery.headers.map(([name, value]) => `${name}: ${value}`) },
    body,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
