import "server-only";
import { Metadata } from "@grpc/grpc-js";
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

/** How long "auth is off" is trusted before the next call tries Authenticate again, in ms. */
export const AUTH_OFF_RECHECK_MS = 2_000;

type PatchableAuthenticator = {
  getMetadata?: () => Promise<Metadata>;
  awaitingMetadata?: Promise<Metadata> | null;
  __tolerant?: true;
};

/**
 * Let `client` work while etcd has auth disabled even though it has credentials, as etcdctl and
 * Go's clientv3 do. etcd3 1.1.2 authenticates before every call with credentials and fails the
 * call when etcd answers Authenticate with "authentication is not enabled" (etcd 3.4 refuses
 * Authenticate, it doesn't ignore it), so a gateway with `ETCD_USERNAME` set could not talk to
 * an etcd without auth, and disabling auth from the gateway would cut it off. Here that answer
 * means "send no token" for {@link AUTH_OFF_RECHECK_MS}; after that the next call tries to
 * authenticate again, so auth switched on by someone else is picked up. Reaches the same
 * `Authenticator` internals as {@link invalidateAuthToken}. Returns `client`.
 */
export function tolerateAuthDisabled(client: Etcd3): Etcd3 {
  const pool = (client as unknown as { pool?: { authenticator?: PatchableAuthenticator } }).pool;
  const auth = pool?.authenticator;
  if (!auth || typeof auth.getMetadata !== "function" || auth.__tolerant) return client;
  const original = auth.getMetadata.bind(auth);
  auth.__tolerant = true;
  auth.getMetadata = () =>
    original().catch((err: Error) => {
      if (!/authentication is not enabled/.test(err?.message ?? "")) throw err;
      const none = Promise.resolve(new Metadata());
      auth.awaitingMetadata = none;
      setTimeout(() => {
        if (auth.awaitingMetadata === none) auth.awaitingMetadata = null;
      }, AUTH_OFF_RECHECK_MS).unref();
      return none;
    });
  return client;
}
