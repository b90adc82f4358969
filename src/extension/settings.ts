/** The extension's settings, read into one typed object. */
import type { EnvironmentId } from '../core/api/environments';
import { isEnvironmentId } from '../core/api/environments';
import type { SeverityOverride } from '../core/instanceFile/findings';

export const SECTION = 'cloudElements';

export type CallbackMode = 'uriHandler' | 'loopback' | 'paste' | 'forwardingPage';

export interface ToolkitSettings {
  environment: EnvironmentId;
  customBaseUrl: string;
  /** `host:port` of the local emulator; empty for the default (127.0.0.1:8787). */
  localEmulatorAddress: string;
  callbackMode: CallbackMode;
  pasteCallbackUrl: string;
  /** `cloudElements.forwardingPageUrl`: where the user hosts the forwarding page (mode `forwardingPage`); may be empty. */
  forwardingPageUrl: string;
  /** `cloudElements.loopbackPort`: the port registered for `http://localhost:<port>/callback`; undefined: a free port each time. */
  loopbackPort: number | undefined;
  lintFilePatterns: string[];
  /**
   * By rule id. Not checked against the rules here (that would load the linter at activation): the
   * settings schema flags an unknown id, and the linter ignores it.
   */
  lintSeverities: Partial<Record<string, SeverityOverride>>;
  requestTimeoutMs: number;
  authorizationTimeoutMs: number;
}

/** The part of `vscode.WorkspaceConfiguration` read here. */
export interface ConfigurationReader {
  get<T>(key: string): T | undefined;
}

const CALLBACK_MODES: readonly CallbackMode[] = ['uriHandler', 'loopback', 'paste', 'forwardingPage'];
const SEVERITIES: readonly SeverityOverride[] = ['error', 'warning', 'info', 'off'];
export const DEFAULT_LINT_PATTERNS = ['**/instance.json', '**/*.instance.json', '**/instances/*.json'];

/** A TCP port a user may register (1024–65535: no privileges needed to listen); anything else is none. */
function port(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1024 && value <= 65_535 ? value : undefined;
}

function positive(value: unknown, fallback: number, max: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.min(value, max) : fallback;
}

export function readSettings(config: ConfigurationReader): ToolkitSettings {
  const environment = config.get<string>('environment');
  const callbackMode = config.get<string>('callbackMode');
  const patterns = config.get<unknown>('lint.filePatterns');
  const severities = config.get<Record<string, unknown>>('lint.severities') ?? {};
  return {
    environment: isEnvironmentId(environment) ? environment : 'production',
    customBaseUrl: (config.get<string>('customBaseUrl') ?? '').trim(),
    localEmulatorAddress: (config.get<string>('localEmulatorAddress') ?? '').trim(),
    callbackMode: CALLBACK_MODES.includes(callbackMode as CallbackMode) ? (callbackMode as CallbackMode) : 'uriHandler',
    pasteCallbackUrl: (config.get<string>('pasteCallbackUrl') ?? '').trim(),
    forwardingPageUrl: (config.get<string>('forwardingPageUrl') ?? '').trim(),
    loopbackPort: port(config.get<number>('loopbackPort')),
    lintFilePatterns:
      Array.isArray(patterns) && patterns.every((p) => typeof p === 'string') ? (patterns as string[]) : DEFAULT_LINT_PATTERNS,
    lintSeverities: Object.fromEntries(
      Object.entries(severities).filter(
        (entry): entry is [string, SeverityOverride] => SEVERITIES.includes(entry[1] as SeverityOverride),
      ),
    ),
    requestTimeoutMs: positive(config.get<number>('requestTimeoutSeconds'), 30, 600) * 1000,
    authorizationTimeoutMs: positive(config.get<number>('authorizationTimeoutMinutes'), 10, 60) * 60_000,
  };
}
