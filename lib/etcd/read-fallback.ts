import "server-only";
import { GRPCDeadlineExceededError, GRPCUnavailableError, type Etcd3 } from "etcd3";
import type { ResponseHeader } from "@/lib/contract";
import { GatewayError } from "@/lib/errors/gateway-error";
import { getEtcd } from "./client";
import { memberClient } from "./members";

/**
 * Where one read goes: the client to call, and whether every Range it sends (alone or inside a
 * read-only Txn) must ask for `serializable: true`. A read function must send all of its calls
 * through `client`, so a multi-call read (tree pages pinned to one revision) stays on one member.
 */
export type ReadVia = { client: Etcd3; serializable: boolean };

/** The linearizable path: the shared read client (hasleader, retries transport failures). */
export const linearizable = (): ReadVia => ({ client: getEtcd().read, serializable: false });

/**
 * Whether `err` says raft could not serve a linearizable read right now: the member has no
 * leader (`hasleader` refusal, or a stream cancelled by it), the leader changed under a pending
 * ReadIndex, or the ReadIndex timed out. A serializable read on one member can still answer.
 */
export function isLeaderless(err: unknown): boolean {
  return (
    err instanceof GRPCUnavailableError &&
    /etcdserver: (no leader|leader changed|request timed out)/.test(err.message)
  );
}

/**
 * Run `read` linearizably; if that fails because there is no leader ({@link isLeaderless}),
 * run it once more as a serializable read on each configured member's own client in turn (no
 * `hasleader` metadata, 2 s deadline, no retries) until one answers. Serializable Ranges and
 * read-only Txns of serializable Ranges are served from the member's local store without raft,
 * so a lone member keeps answering — possibly stale.
 *
 * A fallback answer carries `header.serializable: true` and `header.member` (the client URL
 * that served it). A GatewayError thrown by `read` on a member (404, 410) is final and gets the
 * same two fields added to its details. When no member serves it, the error etcd itself gave a
 * member (e.g. too large) is rethrown, else the original leaderless one (→ 503, "no leader").
 */
export async function readWithFallback<T extends { header: ResponseHeader }>(
  read: (via: ReadVia) => Promise<T>,
): Promise<T> {
  try {
    return await read(linearizable());
  } catch (err) {
    if (!isLeaderless(err)) throw err;
    const { config } = getEtcd();
    let answered: unknown;
    for (const url of config.endpoints) {
      const stale = { serializable: true, member: url } as const;
      try {
        const res = await read({ client: memberClient(url, config), serializable: true });
        return { ...res, header: { ...res.header, ...stale } };
      } catch (e) {
        if (e instanceof GatewayError) throw markStale(e, stale);
        // Down, slow or leaderless too: try the next member. Anything else is etcd's answer to
        // this read (too large, a future revision on a lagging member): report that one.
        if (!isLeaderless(e) && !(e instanceof GRPCUnavailableError) && !isDeadline(e)) {
          answered = e;
        }
      }
    }
    throw answered ?? err;
  }
}

function isDeadline(e: unknown): boolean {
  return e instanceof GRPCDeadlineExceededError || /deadline exceeded/i.test(String(e));
}

function markStale(e: GatewayError, stale: { serializable: true; member: string }) {
  const details = typeof e.details === "object" && e.details !== null ? e.details : {};
  return new GatewayError(e.code, e.message, { ...details, ...stale });
}
