/**
 * The pages' Content-Security-Policy: scripts only from this origin or carrying this response's
 * nonce (Next puts it on its own inline bootstrap scripts), so injected markup can't run script.
 * Styles allow inline: CodeMirror and React style attributes need it, and styles can't run code.
 * Development adds 'unsafe-eval' (React's dev tooling needs it; production never evals).
 */
export function contentSecurityPolicy(nonce: string, dev = false): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
