import { authStatus } from "@/lib/etcd/access-control/auth-switch";
import { route } from "@/lib/http/route";

/**
 * `GET /api/v1/auth/status` → `{header, enabled, gatewayUser}`: whether etcd has auth on
 * (Auth.Authenticate probe; etcd 3.4 has no AuthStatus) and the etcd user the gateway connects
 * as (null: none configured). Maintenance.Status for the header.
 */
export const GET = route(() => authStatus());
