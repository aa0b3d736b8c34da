import { checkHealth } from "@/lib/etcd/health";
import { noteLocalEtcdRestart } from "@/lib/etcd/local-etcd-note";
import { route } from "@/lib/http/route";
import { securityConfig } from "@/lib/http/security/config";

/**
 * `GET /api/v1/health` → `{status: "ok", etcd: {endpoints, version, revision, leader}, readOnly}`
 * (etcd Maintenance.Status); 503 `etcd_unavailable` when no member answers — under `npm start`
 * with its local etcd, the message then starts with "local etcd restarting".
 */
export const GET = route(async () => {
  try {
    return { ...(await checkHealth()), readOnly: securityConfig().readOnly };
  } catch (err) {
    throw noteLocalEtcdRestart(err);
  }
});
