import { checkHealth } from "@/lib/etcd/health";
import { route } from "@/lib/http/route";
import { securityConfig } from "@/lib/http/security/config";

/**
 * `GET /api/v1/health` → `{status: "ok", etcd: {endpoints, version, revision, leader}, readOnly}`
 * (etcd Maintenance.Status); 503 `etcd_unavailable` when no member answers.
 */
export const GET = route(async () => ({
  ...(await checkHealth()),
  readOnly: securityConfig().readOnly,
}));
