import "server-only";
import type { MoveLeaderResponse } from "@/lib/contract";
import { GatewayError, invalidField } from "@/lib/errors/gateway-error";
import { getEtcd } from "../client";
import { memberClient } from "../members";
import { findLeader, findMember, listMemberRefs } from "./member-ref";

/** Deadline for a leader transfer, in ms (etcd itself gives up after an election timeout or so). */
export const MOVE_LEADER_DEADLINE_MS = 15_000;

/**
 * Hand leadership to member `to` (hex): Maintenance.MoveLeader sent to the CURRENT leader's own
 * client (only the leader can transfer; another member answers "not leader"). Nothing is sent
 * when `to` already leads.
 * @throws GatewayError 404 `member_not_found`, 400 naming `to` when etcd refuses the transferee
 *   (a learner), 503 without a leader or when leadership changed meanwhile, 504.
 */
export async function moveLeader(to: string): Promise<MoveLeaderResponse> {
  const members = await listMemberRefs();
  const target = await findMember(to, members);
  const leader = await findLeader(members);
  if (leader.id === target.id) {
    return { header: { revision: "0" }, from: leader.id, to: target.id, moved: false };
  }
  const res = await memberClient(leader.clientUrl, getEtcd().config)
    .maintenance.moveLeader(
      { targetID: target.decimalId },
      { deadline: new Date(Date.now() + MOVE_LEADER_DEADLINE_MS) },
    )
    .catch((err: Error) => {
      // etcd's FailedPrecondition answers, which etcd3 leaves untyped for the error mapping.
      if (/bad leader transferee/.test(err.message)) {
        throw invalidField("to", `etcd refused member ${to} as leader (a learner?)`);
      }
      if (/not leader/.test(err.message)) {
        throw new GatewayError("etcd_unavailable", "the leader changed meanwhile; try again");
      }
      throw err;
    });
  // etcd 3.4 answers MoveLeader without a header.
  return {
    header: { revision: res.header?.revision ?? "0" },
    from: leader.id,
    to: target.id,
    moved: true,
  };
}
