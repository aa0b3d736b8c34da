/**
 * The client's address as Next reports it: `next start` fills `X-Forwarded-For` from the socket
 * when the request has none. A client can send its own header, so this is good for logs and
 * per-client caps, never for access decisions.
 */
export function clientAddress(req: Request): string {
  const forwarded = req.headers.get("x-forwarded-for");
  return forwarded?.split(",")[0]?.trim() || "unknown";
}
