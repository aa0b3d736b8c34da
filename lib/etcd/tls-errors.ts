import "server-only";

// grpc-js reports a failed TLS handshake only as text inside UNAVAILABLE, e.g.
//   "No connection established. Last error: Error: unable to verify the first certificate.
//    Resolution note: "
// or, when etcd rejects the client certificate, a raw OpenSSL line ("…:sslv3 alert bad
// certificate:…:SSL alert number 42"). These patterns turn the common cases into a sentence that
// names the setting to check. The texts come from Node's tls module and OpenSSL 3 (checked
// against etcd 3.4 with @grpc/grpc-js 1.14).
const CASES: [RegExp, (reason: string) => string][] = [
  [
    /alert (bad certificate|certificate required|unknown ca)|SSL alert number (42|48|116)\b/i,
    () =>
      "etcd rejected the TLS client certificate (none sent, or not signed by a CA etcd " +
      "trusts); check ETCD_CERT and ETCD_KEY",
  ],
  [
    /does not match certificate's altnames/i,
    (reason) =>
      `etcd's TLS certificate does not name the host dialled (${reason}); a certificate for ` +
      "an IP endpoint needs that IP in its subject alternative names",
  ],
  [
    /unable to verify|self[- ]signed certificate|unable to get (local )?issuer|certificate has expired|certificate is not yet valid/i,
    (reason) => `etcd's TLS certificate is not trusted (${reason}); check ETCD_CACERT`,
  ],
  [
    /before secure TLS connection was established|wrong version number|packet length too long/i,
    (reason) => `the TLS handshake failed (${reason}); does this endpoint serve TLS?`,
  ],
];

/**
 * A readable explanation of a TLS handshake failure in a grpc error message (the CA doesn't
 * trust etcd's certificate, etcd refused the client certificate, a missing IP SAN, TLS to a
 * plaintext port), or null when `message` is not about TLS.
 */
export function describeTlsFailure(message: string): string | null {
  const reason = lastError(message);
  for (const [pattern, describe] of CASES) if (pattern.test(message)) return describe(reason);
  return null;
}

/** "… Last error: Error: <reason> (2026-…). Resolution note: " → "<reason>". */
function lastError(message: string): string {
  const m = /Last error: (?:Error: )?([\s\S]*?)(?:\s*\(\d{4}-[^)]*\))?\.?\s*Resolution note:/.exec(
    message,
  );
  return (m?.[1] ?? message).trim();
}
