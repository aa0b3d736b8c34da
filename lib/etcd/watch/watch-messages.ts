import "server-only";
import type { IEvent } from "etcd3";
import type { WatchEventDto } from "@/lib/contract";
import { toKvDto } from "../kv-dto";

/** What a watch feed hands its subscribers, revisions as bigints. */
export type FeedMessage =
  | { kind: "change"; revision: bigint; events: WatchEventDto[] }
  | { kind: "progress"; revision: bigint }
  /** etcd answered a progress check on this watch; `revision` is the store's, not a checkpoint. */
  | { kind: "heartbeat"; revision: bigint }
  | { kind: "reset"; compactRevision: bigint; revision: bigint }
  | { kind: "error"; code: string; message: string; details?: unknown };

/** The change messages in one watch response: its events grouped by mod_revision, in order. */
export function groupByRevision(events: IEvent[]): Extract<FeedMessage, { kind: "change" }>[] {
  const out: Extract<FeedMessage, { kind: "change" }>[] = [];
  for (const ev of events) {
    const revision = BigInt(ev.kv.mod_revision);
    let last = out[out.length - 1];
    if (!last || last.revision !== revision) {
      last = { kind: "change", revision, events: [] };
      out.push(last);
    }
    const dto: WatchEventDto = {
      type: ev.type === "Delete" ? "delete" : "put",
      kv: toKvDto(ev.kv),
    };
    if (ev.prev_kv) dto.prevKv = toKvDto(ev.prev_kv);
    last.events.push(dto);
  }
  return out;
}
