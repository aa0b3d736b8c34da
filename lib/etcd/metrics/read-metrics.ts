import "server-only";
import type { ClusterMetricsResponse, MemberMetrics } from "@/lib/contract";
import { getEtcd } from "../client";
import { hexId } from "../cluster";
import { getText } from "../member-metrics";
import { memberClient } from "../members";
import { describeTlsFailure } from "../tls-errors";
import { memberFigures } from "./member-figures";

/**
 * Every member's dashboard figures now: Cluster.MemberList (shared read client, else each
 * configured endpoint's own client), then `GET <first client URL>/metrics` on every member at
 * once (TLS/mTLS as configured, 2 s timeout each; etcd serves metrics on its client port). A
 * member that can't be read gets `error`, not a failed request. No etcd RPC besides MemberList:
 * `/metrics` is served from memory and costs etcd nothing measurable.
 * @throws the MemberList error (→ 503 `etcd_unavailable`) when no member answers it.
 */
export async function readClusterMetrics(): Promise<ClusterMetricsResponse> {
  const { read, config } = getEtcd();
  const list = await read.cluster.memberList({}).catch(async (first) => {
    for (const url of config.endpoints) {
      const r = await memberClient(url, config)
        .cluster.memberList({})
        .catch(() => null);
      if (r) return r;
    }
    throw first;
  });
  const members = await Promise.all(
    list.members.map(async (m): Promise<MemberMetrics> => {
      const clientUrl = m.clientURLs[0] ?? null;
      const row = { id: hexId(m.ID), name: m.name, clientUrl };
      if (!clientUrl) return { ...row, at: Date.now(), error: "member has not started" };
      try {
        const text = await getText(`${clientUrl}/metrics`, config);
        return { ...row, at: Date.now(), figures: memberFigures(text) };
      } catch (e) {
        const msg = (e as Error).message;
        return { ...row, at: Date.now(), error: describeTlsFailure(msg) ?? msg };
      }
    }),
  );
  const revisions = members.map((m) => BigInt(m.figures?.revision ?? "0"));
  const revision = revisions.reduce((a, b) => (b > a ? b : a), BigInt(list.header.revision));
  return { header: { revision: revision.toString() }, members };
}
