// Exact-value redaction of the bearer tokens the core has used. Pattern-based redaction (redactSecrets)
// only recognises JWTs and "Bearer …" phrases; Graph or a proxy in front of it can echo an opaque token
// in any shape (a JSON message, an HTML page, a header copied into the body). The token source knows every
// token it handed out, so the ledger remembers them and scrubs their exact text, and their URL-encoded
// form, from every error leaving the core and every log line.
import type { PortolanError } from '../../src-shared/views';
import { redactSecrets } from './failure';
import type { TokenSource } from './ports';

/** Tokens remembered at most; older ones have long expired (access tokens live about an hour). */
const MAX_REMEMBERED = 32;
/**
 * Shorter strings are not credentials any issuer produces, and scrubbing them would mangle ordinary words
 * in every message.
 */
const MIN_SECRET_LENGTH = 8;
const MARK = '[redacted]';

export interface SecretLedger {
  remember(secret: string): void;
  /** The text with every remembered secret (and its JWT- or bearer-shaped relatives) replaced. */
  redact(text: string): string;
  /** A copy of the error with every string field redacted. */
  redactError(error: PortolanError): PortolanError;
  /** A token source that remembers each token it hands out before anyone can send it. */
  track(source: TokenSource): TokenSource;
}

export function createSecretLedger(): SecretLedger {
  // Insertion-ordered; re-remembering moves a token to the end so the oldest is dropped first.
  const secrets = new Set<string>();

  const remember = (secret: string): void => {
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) return;
    secrets.delete(secret);
    secrets.add(secret);
    while (secrets.size > MAX_REMEMBERED) secrets.delete(secrets.values().next().value as string);
  };

  const redact = (text: string): string => {
    let out = text;
    for (const secret of secrets) {
      out = out.split(secret).join(MARK);
      const encoded = encodeURIComponent(secret);
      if (encoded !== secret) out = out.split(encoded).join(MARK);
    }
    return redactSecrets(out);
  };

  return {
    remember,
    redact,
    redactError(error) {
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(error)) out[key] = typeof value === 'string' ? redact(value) : value;
      return out as unknown as PortolanError;
    },
    track(source) {
      return {
        async getToken(options) {
          const token = await source.getToken(options);
          remember(token);
          return token;
        },
      };
    },
  };
}
