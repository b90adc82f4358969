/**
 * The Elements-Webhook-Signature of a delivery: sha256= + base64(HMAC-SHA256(key, raw body))
 * (cloud-elements/devportal docs/guides/event-management/security.md L15-80; churros
 * src/test/platform/events/events.js L42-47).
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import {
  constantTimeEqual,
  signatureHeader,
  verdictText,
  verifySignature,
} from '../../../src/core/events/signature';
import type { SignatureVerdict } from '../../../src/core/events/signature';

/** The docs' sample: its printed header is a real HMAC of the placeholder text under the sample key (security.md L17, L66-70). */
const DOCS_KEY = 'MySecretEventSignatureKey';
const DOCS_BODY = '<INSERT_EVENT_NOTIFICATION_RESPONSE_BODY>';
const DOCS_HEADER = 'sha256=jHdbRx5EZAsOfTwAPJOGkNUzQMVVdu5VJlxcsk+G6jQ=';

const VALID: SignatureVerdict = { verdict: 'valid' };
const invalid = (reason: string) => ({ verdict: 'invalid', reason });

/** Node's HMAC, as the docs' Node sample computes it: an independent oracle for Web Crypto's. */
const nodeHeader = (key: Uint8Array | string, body: Uint8Array | string) => 'sha256=' + createHmac('sha256', key).update(body).digest('base64');

const bytes = (options: { minLength?: number; maxLength?: number } = {}) => fc.uint8Array({ maxLength: 300, ...options });

describe('event signatures', () => {
  it('computes the docs\' published example exactly', async () => {
    assert.equal(await signatureHeader(DOCS_KEY, DOCS_BODY), DOCS_HEADER);
    assert.deepEqual(await verifySignature({ key: DOCS_KEY, body: DOCS_BODY, header: DOCS_HEADER }), VALID);
    assert.deepEqual(await verifySignature({ key: DOCS_KEY, body: new TextEncoder().encode(DOCS_BODY), header: DOCS_HEADER }), VALID);
  });

  it('signs the raw bytes: any body and key (text or bytes) give the header Node\'s HMAC gives, and it verifies', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(bytes({ minLength: 1 }), fc.string({ unit: 'grapheme', minLength: 1 })), fc.oneof(bytes(), fc.string({ unit: 'binary' })), async (key, body) => {
        const header = await signatureHeader(key, body);
        assert.equal(header, nodeHeader(key, body));
        assert.deepEqual(await verifySignature({ key, body, header }), VALID);
      }),
      { numRuns: 200 },
    );
  });

  it('calls any one changed byte of the body or of the key invalid', async () => {
    await fc.assert(
      fc.asyncProperty(bytes({ minLength: 1 }), bytes({ minLength: 1 }), fc.nat(), fc.integer({ min: 1, max: 255 }), fc.boolean(), async (key, body, at, flip, inKey) => {
        const header = await signatureHeader(key, body);
        // A substitution: HMAC pads a short key with zeros, so only an appended 0 byte would be the same key.
        const target = inKey ? key : body;
        const changed = target.slice();
        changed[at % changed.length]! ^= flip;
        const verdict = await verifySignature(inKey ? { key: changed, body, header } : { key, body: changed, header });
        assert.deepEqual(verdict, invalid('mismatch'));
      }),
      { numRuns: 200 },
    );
  });

  it('calls any one changed character of the header invalid', async () => {
    const alphabet = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/=, \t'.split(''));
    await fc.assert(
      fc.asyncProperty(bytes({ minLength: 1 }), bytes(), fc.nat(), alphabet, async (key, body, at, char) => {
        const header = await signatureHeader(key, body);
        const index = at % header.length;
        fc.pre(header[index] !== char);
        const changed = header.slice(0, index) + char + header.slice(index + 1);
        const verdict = await verifySignature({ key, body, header: changed });
        assert.equal(verdict.verdict, 'invalid', `${changed}: ${JSON.stringify(verdict)}`);
      }),
      { numRuns: 300 },
    );
  });

  describe('header variants', () => {
    const check = (header: string | readonly string[] | undefined, key: string | undefined = DOCS_KEY) => verifySignature({ key, body: DOCS_BODY, header });
    const unkeyed = (header: string | undefined, key: string | undefined) => verifySignature({ key, body: DOCS_BODY, header });
    const digest = DOCS_HEADER.slice('sha256='.length);

    it('accepts white space around the value, which HTTP does not count as part of it', async () => {
      assert.deepEqual(await check(` ${DOCS_HEADER}\t`), VALID);
      assert.deepEqual(await check([DOCS_HEADER]), VALID);
    });

    it('names what is wrong with a value that is not the platform\'s', async () => {
      assert.deepEqual(await check(digest), invalid('no-prefix'));
      assert.deepEqual(await check(`sha1=${digest}`), invalid('sha1'));
      assert.deepEqual(await check(`SHA256=${digest}`), invalid('malformed'), 'the platform writes sha256= in lower case');
      assert.deepEqual(await check(`sha256= ${digest}`), invalid('mismatch'));
      assert.deepEqual(await check(`sha256=${digest.slice(0, -1)}`), invalid('mismatch'));
      assert.deepEqual(await check(`sha256=${Buffer.from(Buffer.from(digest, 'base64')).toString('base64url')}`), invalid('mismatch'), 'base64url is not the docs\' alphabet');
      assert.deepEqual(await check('Bearer abc'), invalid('malformed'));
    });

    it('refuses more than one value, even when one of them is right', async () => {
      assert.deepEqual(await check([DOCS_HEADER, DOCS_HEADER]), invalid('multiple'));
      assert.deepEqual(await check([DOCS_HEADER, 'sha256=AAAA']), invalid('multiple'));
      assert.deepEqual(await check(`${DOCS_HEADER}, sha256=AAAA`), invalid('multiple'), 'a server joins repeated headers with ", "');
      assert.deepEqual(await check(['', DOCS_HEADER]), VALID, 'an empty value is no value');
    });

    it('tells a missing signature from one that is not expected', async () => {
      assert.deepEqual(await check(undefined), { verdict: 'missing' });
      assert.deepEqual(await check('  '), { verdict: 'missing' });
      assert.deepEqual(await check([]), { verdict: 'missing' });
      assert.deepEqual(await unkeyed(undefined, undefined), { verdict: 'none-expected', headerPresent: false });
      assert.deepEqual(await unkeyed(DOCS_HEADER, undefined), { verdict: 'none-expected', headerPresent: true });
      // Cloud Elements' own provisioner sets the key to '' (churros src/core/provisioner.js L100): no key.
      assert.deepEqual(await unkeyed(DOCS_HEADER, ''), { verdict: 'none-expected', headerPresent: true });
    });

    it('says each verdict in a sentence', () => {
      assert.equal(verdictText({ verdict: 'valid' }), 'signature valid');
      assert.match(verdictText({ verdict: 'invalid', reason: 'mismatch' }), /^signature invalid: it does not match/);
      assert.match(verdictText({ verdict: 'none-expected', headerPresent: false }), /no signature expected/);
    });
  });

  it('refuses to sign with an empty key (the platform signs nothing without one)', async () => {
    await assert.rejects(signatureHeader('', 'body'), /empty signature key/);
  });

  it('compares like ===, whatever the strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 50 }), fc.string({ unit: 'binary', maxLength: 50 }), (a, b) => {
        assert.equal(constantTimeEqual(a, b), a === b);
        assert.equal(constantTimeEqual(a, a), true);
      }),
      { numRuns: 500 },
    );
  });

  it('visits every character of equal-length strings: the first difference does not end the comparison', () => {
    const read: number[] = [];
    const spy = (text: string) => new Proxy(new String(text), { get: (target, name) => (name === 'charCodeAt' ? (i: number) => (read.push(i), text.charCodeAt(i)) : Reflect.get(target, name)) }) as unknown as string;
    assert.equal(constantTimeEqual(spy('Xbcdef'), 'abcdef'), false);
    assert.deepEqual(read, [0, 1, 2, 3, 4, 5]);
  });
});
