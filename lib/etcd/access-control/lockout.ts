import "server-only";
import { GatewayError } from "@/lib/errors/gateway-error";
import { getEtcd } from "../client";
import { gatewayUser, isAuthEnabled } from "./auth-state";

/**
 * Refuse, with auth on, a change that would cut the gateway off from etcd: deleting the user it
 * connects as, changing that user's password (the gateway keeps the configured one and fails
 * at its next token renewal), or revoking role root from it (it could no longer manage auth or
 * switch it off). Changes to other users, and any change with auth off, pass; root's own role
 * and user etcd protects itself ("invalid auth management").
 * @throws GatewayError 409 `auth_lockout`.
 */
export async function assertNotGatewayLockout(change: {
  action: "delete" | "password" | "revoke";
  user: string;
  role?: string;
}): Promise<void> {
  const own = gatewayUser();
  if (own === null || change.user !== own) return;
  if (change.action === "revoke" && change.role !== "root") return;
  if (!(await isAuthEnabled())) return;
  const what = {
    delete: `delete user "${own}"`,
    password: `change the password of user "${own}"`,
    revoke: `revoke role root from user "${own}"`,
  }[change.action];
  throw new GatewayError(
    "auth_lockout",
    `refused: the gateway connects to etcd as "${own}"; to ${what} would lock it out. ` +
      "Do it with etcdctl and update the gateway's settings (ETCD_USERNAME / ETCD_PASSWORD).",
    { user: own },
  );
}

/**
 * The lock-out check before Auth.AuthEnable (docs/access-control.md): user root exists and has
 * role root (etcd's own rule), and the gateway connects as a configured user that exists and has
 * role root — so with auth on it can still read everything, manage users and switch auth off
 * again. The password can't be checked beforehand (etcd 3.4 refuses Authenticate while auth is
 * off); {@link enableAuth} checks it right after.
 * @throws GatewayError 409 `auth_lockout` saying which condition fails.
 */
export async function assertEnableIsSafe(): Promise<void> {
  const { read } = getEtcd();
  const rolesOf = (name: string) =>
    read.auth.userGet({ name }).then(
      (r) => r.roles,
      (e: Error) => {
        if (e.message.includes("user name not found")) return null;
        throw e;
      },
    );
  const rootRoles = await rolesOf("root");
  if (!rootRoles?.includes("root")) {
    throw lockout(
      rootRoles
        ? 'user "root" does not have role root; grant it first'
        : 'there is no user "root"; create it and grant it role root first',
    );
  }
  const own = gatewayUser();
  if (own === null) {
    throw lockout(
      "the gateway connects without an etcd user (ETCD_USERNAME is not set); with auth on " +
        "etcd would refuse every request it makes",
    );
  }
  const ownRoles = own === "root" ? rootRoles : await rolesOf(own);
  if (!ownRoles) throw lockout(`the gateway connects as "${own}", which does not exist`);
  if (!ownRoles.includes("root")) {
    throw lockout(
      `the gateway connects as "${own}", which lacks role root: with auth on it could no ` +
        "longer manage users or switch auth off again (use etcdctl if that is intended)",
    );
  }
}

function lockout(why: string): GatewayError {
  return new GatewayError("auth_lockout", `refused to enable auth: ${why}`);
}
