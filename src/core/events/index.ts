/**
 * Events: the instance configuration keys, the callback URL, the signature of a delivery, what a
 * delivery says, and the poller configuration (JSON or legacy) with its checks. No vscode, no
 * Node built-ins: Web Crypto signs, so this runs in a browser too.
 */
export * from './callbackUrl';
export * from './dateFormat';
export * from './expand';
export * from './keys';
export * from './legacyPollerUrls';
export * from './payload';
export * from './placeholders';
export * from './pollerChecks';
export * from './pollerConfiguration';
export * from './pollerFields';
export type * from './problems';
export * from './signature';
export * from './timeZone';
export * from './delivery';
export * from './forward';
export * from './headers';
export * from './inbox';
export * from './document';
export * from './signatureKey';
export * from './rows';
export * from './instanceEvents';
