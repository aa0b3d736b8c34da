import "server-only";
import type { AuthStatusResponse } from "@/lib/contract";
import { GatewayError } from "@/lib/errors/gateway-error";
import { invalidateAuthToken } from "../auth-token";
import { getEtcd } from "../client";
import { gatewayUser, isAuthEnabled } from "./auth-state";
import { authCall } from "./auth-errors";
import { assertEnableIsSafe } from "./lockout";

/**
 * Whether auth is on and whom the gateway connects as (one Auth.Authenticate probe, see
 * {@link isAuthEnabled}, and Maintenance.Status for the header revision).
 */
export async function authStatus(): Promise<AuthStatusResponse> {
  const [enabled, status] = await Promise.all([
    isAuthEnabled(),
    getEtcd().read.maintenance.status(),
  ]);
  return { header: { revision: status.header.revision }, enabled, gatewayUser: gatewayUser() };
}

/**
 * Switch etcd auth on (Auth.AuthEnable) after the lock-out check ({@link assertEnableIsSafe}),
 * then make the gateway's clients authenticate afresh and check that its credentials work (one
 * Auth.UserGet of its own user). Already on: answers the status, changes nothing.
 * @throws GatewayError 409 `auth_lockout` when the check fails (nothing changed); 503
 *   `etcd_unavailable` when auth is now on but etcd refuses the gateway's password (then only
 *   `etcdctl auth disable` as root, or fixing `ETCD_PASSWORD`, helps).
 */
export async function enableAuth(): Promise<AuthStatusResponse> {
  if (await isAuthEnabled()) return authStatus();
  await assertEnableIsSafe();
  const clients = getEtcd();
  const r = await authCall({}, () => clients.write.auth.authEnable({}));
  for (const c of [clients.read, clients.write, clients.watch]) invalidateAuthToken(c);
  const own = gatewayUser()!;
  try {
    await clients.read.auth.userGet({ name: own });
  } catch (err) {
    if (/authentication failed/.test((err as Error).message)) {
      throw new GatewayError(
        "etcd_unavailable",
        `auth is now enabled, but etcd refuses the gateway's password for "${own}": fix ` +
          "ETCD_PASSWORD, or run `etcdctl --user root auth disable`",
      );
    }
    throw err;
  }
  return { header: { revision: r.header.revision }, enabled: true, gatewayUser: own };
}

/**
 * Switch etcd auth off (Auth.AuthDisable; needs root when on). etcd drops every token; the
 * gateway's clients then send none (see tolerateAuthDisabled in auth-token.ts). Already off:
 * a no-op answering the status.
 */
export async function disableAuth(): Promise<AuthStatusResponse> {
  const clients = getEtcd();
  const r = await clients.write.auth.authDisable({});
  for (const c of [clients.read, clients.write, clients.watch]) invalidateAuthToken(c);
  return { header: { revision: r.header.revision }, enabled: false, gatewayUser: gatewayUser() };
}
