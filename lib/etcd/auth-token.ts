import "server-only";
import type { Etcd3 } from "etcd3";

/**
 * The part of etcd3 1.1.2's internals reached here: `Etcd3#pool` (protected) holds the
 * `Authenticator` that caches the auth token every call and stream is opened with. Unary calls
 * drop it themselves on "invalid auth token" (connection-pool.js), but streams never do
 * (docs/etcd-notes.md, Auth), and etcd3 exposes no public way to. Kept to this one cast so a
 * library upgrade that renames it fails here, loudly, and nowhere else.
 */
type WithAuthenticator = { pool?: { authenticator?: { invalidateMetadata?: () => void } } };

/**
 * Forget `client`'s cached etcd auth token, so the next stream it opens authenticates afresh
 * (etcd Authenticate). A no-op without auth. Call it when etcd refuses a watch create with
 * "invalid auth token": simple tokens expire (`--auth-token-ttl`, 300 s by default) and die with
 * an etcd restart, while the watch client, used only for streams, would keep the stale one.
 */
export function invalidateAuthToken(client: Etcd3): void {
  const authenticator = (client as unknown as WithAuthenticator).pool?.authenticator;
  if (typeof authenticator?.invalidateMetadata !== "function") {
    console.warn("[watch] etcd3 has no Authenticator.invalidateMetadata(); token not refreshed");
    return;
  }
  authenticator.invalidateMetadata();
}

/**
 * Whether etcd refused something because of the auth token itself (expired, or unknown after a
 * restart): 3.4 answers a watch create with `cancel_reason` "rpc error: code = Unauthenticated
 * desc = etcdserver: invalid auth token" (measured on 3.4.23), unary calls with the same text.
 */
export function isInvalidAuthToken(message: string): boolean {
  return /invalid auth token|code = Unauthenticated/i.test(message);
}
