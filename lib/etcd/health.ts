import "server-only";
import type { HealthResponse } from "@/lib/contract";
import { getEtcd } from "./client";

/**
 * Whether etcd answers (Maintenance Status on any member).
 * `leader` is the leader's member ID in hex, `revision` the store revision.
 * @throws GatewayError 503 `etcd_unavailable` (via the route wrapper) when no member answers.
 */
export async function checkHealth(): Promise<HealthResponse> {
  const { read, config } = getEtcd();
  const status = await read.maintenance.status();
  return {
    status: "ok",
    etcd: {
      endpoints: config.endpoints,
      version: status.version,
      revision: status.header.revision,
      leader: BigInt(status.leader).toString(16),
    },
  };
}
