/**
 * A new Callback Notification Signature Key (`event.notification.signature.key`): 32 random
 * bytes (256 bits, HMAC-SHA256's block of security) from Web Crypto, base64url without padding
 * so it fits any configuration value unescaped.
 */
import { base64 } from '../bytes';

export function newSignatureKey(): string {
  const bytes = new Uint8Array(32);
  globalThis.crypto.getRandomValues(bytes);
  return base64(bytes, true);
}
