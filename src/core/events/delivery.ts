/**
 * One delivery as the inbox keeps it: what arrived (method, path, headers with credentials
 * redacted, the raw body's bytes), what it says (payload.ts) and whether its signature holds
 * (signature.ts) under the key of the instance it names.
 */
import type { HeaderList, HeaderPair } from './headers';
import { headerValues, redactHeaders } from './headers';
import type { DeliverySummary } from './payload';
import { summarizeDelivery } from './payload';
import type { SignatureVerdict } from './signature';
import { SIGNATURE_HEADER, verifySignature } from './signature';

/** A request as the receiver read it. */
export interface ReceivedRequest {
  method: string;
  /** The request target's path and query. */
  path: string;
  headers: HeaderList;
  /** The raw body, byte for byte. */
  body: Uint8Array;
  /** Milliseconds since the epoch. */
  receivedAt: number;
}

export interface Delivery {
  /** Order of arrival in this window, from 1. */
  readonly seq: number;
  readonly receivedAt: number;
  readonly method: string;
  readonly path: string;
  /** As received, credentials redacted (headers.ts). */
  readonly headers: readonly HeaderPair[];
  readonly body: Uint8Array;
  readonly summary: DeliverySummary;
  readonly verdict: SignatureVerdict;
}

/** The instance's signature key, undefined when the toolkit knows none for it. */
export type SignatureKeyLookup = (instanceId: string | undefined) => Promise<string | undefined>;

/**
 * Reads a request into a delivery: the body summarized, the signature checked against the key
 * of the instance the body names (`message.instanceId`, or the unwrapped `instanceId`).
 * A body that names another instance is checked with that instance's key, so a forged
 * instance id gains nothing without its key.
 */
export async function readDelivery(request: ReceivedRequest, seq: number, keyFor: SignatureKeyLookup): Promise<Delivery> {
  const summary = summarizeDelivery(request.body);
  const key = await keyFor(summary.instanceId);
  const verdict = await verifySignature({ key, body: request.body, header: headerValues(request.headers, SIGNATURE_HEADER) });
  return {
    seq,
    receivedAt: request.receivedAt,
    method: request.method,
    path: request.path,
    headers: redactHeaders(request.headers),
    body: request.body,
    summary,
    verdict,
  };
}

/** The verdict in two or three words, for a list (signature.ts's verdictText says why). */
export function verdictLabel(verdict: SignatureVerdict): string {
  switch (verdict.verdict) {
    case 'valid':
      return 'signature valid';
    case 'invalid':
      return 'signature invalid';
    case 'missing':
      return 'signature missing';
    case 'none-expected':
      return 'unsigned';
  }
}

/** `CREATED customers 42`: the first event's type, resource and object id, whichever the body has. */
export function deliveryLabel(summary: DeliverySummary): string {
  const parts = [summary.eventType, summary.resource, summary.objectId].filter((part): part is string => part !== undefined && part !== '');
  if (parts.length > 0) return summary.eventCount > 1 ? `${parts.join(' ')} (+${summary.eventCount - 1} more)` : parts.join(' ');
  if (summary.shape === 'not-json') return 'not JSON';
  return summary.eventId !== undefined ? `event ${summary.eventId}` : 'delivery';
}
