import { disableAuth } from "@/lib/etcd/access-control/auth-switch";
import { route } from "@/lib/http/route";

/**
 * `POST /api/v1/auth/disable` → `{header, enabled: false, gatewayUser}` (Auth.AuthDisable; needs
 * root while auth is on, else 403 `etcd_permission_denied`). 403 `read_only` in read-only mode.
 */
export const POST = route(() => disableAuth(), { write: true });
