import "server-only";
import type { DefragmentResponse } from "@/lib/contract";
import { getEtcd } from "../client";
import { MEMBER_DEADLINE_MS, memberClient } from "../members";
import { findMember } from "./member-ref";

/** Deadline for one defragmentation, in ms: it rewrites the member's whole backend file. */
export const DEFRAG_DEADLINE_MS = 5 * 60_000;

/**
 * Defragment one member's backend (Maintenance.Defragment on THAT member's own client; a
 * multi-host client would pick a random member). The member blocks reads and writes while it
 * runs. Its Maintenance.Status before and after gives the DB sizes.
 * @param id  hex member ID
 * @throws GatewayError 404 `member_not_found`, 503 when the member is down, 504 past
 *   {@link DEFRAG_DEADLINE_MS} (the defragmentation may still finish).
 */
export async function defragment(id: string): Promise<DefragmentResponse> {
  const member = await findMember(id);
  const client = memberClient(member.clientUrl, getEtcd().config);
  const status = () =>
    client.maintenance.status({ deadline: new Date(Date.now() + MEMBER_DEADLINE_MS) });
  const before = await status();
  const t0 = performance.now();
  await client.maintenance.defragment({ deadline: new Date(Date.now() + DEFRAG_DEADLINE_MS) });
  const tookMs = Math.round(performance.now() - t0);
  const after = await status();
  return {
    header: { revision: after.header.revision },
    memberId: member.id,
    name: member.name,
    before: { dbSize: before.dbSize, dbSizeInUse: before.dbSizeInUse },
    after: { dbSize: after.dbSize, dbSizeInUse: after.dbSizeInUse },
    tookMs,
  };
}
