import { enableAuth } from "@/lib/etcd/access-control/auth-switch";
import { route } from "@/lib/http/route";

/**
 * `POST /api/v1/auth/enable` → `{header, enabled: true, gatewayUser}` (Auth.AuthEnable). Refused
 * with 409 `auth_lockout` unless user root exists with role root and the gateway's own etcd user
 * exists with role root (docs/access-control.md); 503 when etcd then refuses the gateway's
 * password. 403 `read_only` in read-only mode.
 */
export const POST = route(() => enableAuth(), { write: true });
