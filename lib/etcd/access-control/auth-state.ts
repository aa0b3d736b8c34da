import "server-only";
import { getEtcd } from "../client";

/**
 * Whether etcd has auth enabled. etcd 3.4 has no AuthStatus call (3.5 added it), so this asks
 * Auth.Authenticate for the empty user name: "authentication is not enabled" means off,
 * "authentication failed" means on (no password hashing happens for a user that doesn't exist;
 * etcd logs one warning line). Any other error (unreachable, no leader) is thrown.
 */
export async function isAuthEnabled(): Promise<boolean> {
  try {
    await getEtcd().read.auth.authenticate({ name: "", password: "" });
    return true; // not reachable: etcd has no user "" to succeed as
  } catch (err) {
    const msg = (err as Error).message ?? "";
    if (msg.includes("authentication is not enabled")) return false;
    if (/authentication failed|user name is empty/.test(msg)) return true;
    throw err;
  }
}

/** The etcd user the gateway connects as (`ETCD_USERNAME`), null when none is configured. */
export function gatewayUser(): string | null {
  return getEtcd().config.auth?.username ?? null;
}
