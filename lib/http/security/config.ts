/**
 * The gateway's security settings, read from the environment on every call (cheap) so tests and
 * a restarted process see changes without a rebuild. No `server-only` import: proxy.ts uses it.
 */
export type SecurityConfig = {
  /** `ETCD_EXPLORER_READ_ONLY=1`: every mutating API route answers 403 `read_only`. */
  readOnly: boolean;
  /** `ETCD_EXPLORER_TOKEN`: when set, API calls need the token (bearer or session cookie). */
  token: string | null;
  /** Host names (without port) accepted in the `Host` header besides the loopback names. */
  allowedHosts: string[];
  /** Concurrent SSE watch streams allowed per client address. */
  maxStreamsPerClient: number;
  /** Concurrent SSE watch streams allowed in total. */
  maxStreams: number;
};

/** Host names every gateway accepts: it listens on loopback by default. */
export const LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "[::1]"] as const;

const truthy = (v: string | undefined) => v === "1" || v?.toLowerCase() === "true";

function positiveInt(v: string | undefined, fallback: number): number {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** Parse the security settings from `env` (default `process.env`). */
export function securityConfig(
  env: Record<string, string | undefined> = process.env,
): SecurityConfig {
  return {
    readOnly: truthy(env.ETCD_EXPLORER_READ_ONLY),
    token: env.ETCD_EXPLORER_TOKEN ? env.ETCD_EXPLORER_TOKEN : null,
    allowedHosts: (env.ETCD_EXPLORER_ALLOWED_HOSTS ?? "")
      .split(",")
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
    maxStreamsPerClient: positiveInt(env.ETCD_EXPLORER_MAX_STREAMS_PER_CLIENT, 32),
    maxStreams: positiveInt(env.ETCD_EXPLORER_MAX_STREAMS, 1000),
  };
}
