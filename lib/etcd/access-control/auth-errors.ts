import "server-only";
import { GatewayError } from "@/lib/errors/gateway-error";

/**
 * Run one etcd Auth call and turn etcd's refusals into the gateway's codes, naming what was
 * asked for: "user name not found" → 404 `user_not_found`, "role name not found" → 404
 * `role_not_found`, "role is not granted to the user" / "permission is not granted to the role" →
 * 404 `permission_not_found`, "… already exists" → 409 `conflict`, "root user does not exist" /
 * "root user does not have root role" / "invalid auth management" → 409 `auth_lockout`. Anything
 * else (permission denied, unavailable, timeouts) is rethrown for the route wrapper's mapping.
 * etcd 3.4 sends all of these as FAILED_PRECONDITION; only the message tells them apart.
 */
export async function authCall<T>(what: { user?: string; role?: string }, call: () => Promise<T>) {
  try {
    return await call();
  } catch (err) {
    throw authError(err, what) ?? err;
  }
}

function authError(err: unknown, what: { user?: string; role?: string }): GatewayError | null {
  const msg = err instanceof Error ? err.message : "";
  const user = JSON.stringify(what.user ?? "");
  const role = JSON.stringify(what.role ?? "");
  if (msg.includes("user name not found")) {
    return new GatewayError("user_not_found", `etcd has no user ${user}`, { user: what.user });
  }
  if (msg.includes("role name not found")) {
    return new GatewayError("role_not_found", `etcd has no role ${role}`, { role: what.role });
  }
  if (msg.includes("role is not granted to the user")) {
    return new GatewayError("permission_not_found", `user ${user} does not have role ${role}`);
  }
  if (/permission (is )?not granted to the role/.test(msg)) {
    return new GatewayError("permission_not_found", `role ${role} has no such permission`);
  }
  if (msg.includes("user name already exists")) {
    return new GatewayError("conflict", `user ${user} already exists`, { user: what.user });
  }
  if (msg.includes("role name already exists")) {
    return new GatewayError("conflict", `role ${role} already exists`, { role: what.role });
  }
  if (/root user does not (exist|have root role)/.test(msg)) {
    return new GatewayError(
      "auth_lockout",
      "etcd refuses to enable auth: user root must exist and have role root",
    );
  }
  if (msg.includes("invalid auth management")) {
    return new GatewayError(
      "auth_lockout",
      "etcd refuses this while auth is enabled (it would remove the root user or its root role)",
    );
  }
  return null;
}
