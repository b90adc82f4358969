/**
 * The response shapes the emulator answers with, beyond the fields the toolkit's client reads
 * (src/core/api/types.ts): everything the documentation's example responses show.
 */
import type { ElementSummary, Instance } from '../../core/api/types';

/** An element as the documented `GET /elements` and instance responses show it. */
export interface DocumentedElementSummary extends ElementSummary {
  hookName: string;
  description: string;
  image: string;
  existingAccountDescription: string;
  configDescription: string;
  signupURL?: string;
  resources: unknown[];
  defaultTransformations: unknown[];
  objectMetadata: unknown[];
  transformationsEnabled: boolean;
  bulkDownloadEnabled: boolean;
  bulkUploadEnabled: boolean;
  cloneable: boolean;
  extendable: boolean;
  beta: boolean;
  authentication: { type: string };
  extended: boolean;
  hub: string;
  protocolType: string;
  parameters: unknown[];
  /** Catalog elements are public; only an account's own custom elements are private. */
  private: boolean;
}

/** The documented instance response: the element, its id again, and the owning user. */
export interface DocumentedInstance extends Instance {
  element: DocumentedElementSummary;
  elementId: number;
  user: { id: number; emailAddress: string; firstName: string; lastName: string };
  configuration: Record<string, string | null>;
  traceLoggingEnabled: boolean;
  externalAuthentication: string;
  tags: string[];
}

/** The emulator's one account user (the docs' examples show `"user": {"id": 12345}`). */
export const EMULATOR_USER_ID = 12345;

/**
 * The owning user as instance responses describe it: the QuickBooks page's id, and the fields the
 * Quickbase page's response shows (devportal `docs/elements/quickbase/quickbase-create-instance.md`),
 * which Cloud Elements' own instance schema requires (churros
 * `src/test/platform/elements/assets/element.instance.schema.json`).
 */
export const EMULATOR_USER = { id: EMULATOR_USER_ID, emailAddress: 'user@emulator.invalid', firstName: 'Emulator', lastName: 'User' } as const;

/** How the service shows a secret configuration value in an instance response. */
export const MASKED_VALUE = '********';

/** Configuration entries every instance gets (the docs' "Instance Configuration" section: common to all elements). */
export const COMMON_INSTANCE_DEFAULTS: Readonly<Record<string, string | null>> = {
  'event.notification.enabled': 'false',
  'event.notification.callback.url': null,
  'filter.response.nulls': 'true',
};
