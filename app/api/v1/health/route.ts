import { checkHealth } from "@/lib/etcd/health";
import { route } from "@/lib/http/route";

/**
 * `GET /api/v1/health` → `{status: "ok", etcd: {endpoints, version, revision, leader}}`
 * (etcd Maintenance.Status); 503 `etcd_unavailable` when no member answers.
 */
export const GET = route(async () => checkHealth());
