import "server-only";
import type { Readable } from "node:stream";
import type { ISnapshotResponse } from "etcd3";
import { getEtcd } from "../client";
import { memberClient } from "../members";
import { findLeader, findMember, listMemberRefs, type MemberRef } from "./member-ref";

/** A snapshot on its way: the bytes, the member streaming them, the revision it was taken at. */
export type SnapshotStream = {
  body: ReadableStream<Uint8Array>;
  member: MemberRef;
  revision: string;
};

/** Bytes that may wait for the HTTP client before etcd is paused (etcd sends 32 KiB chunks). */
const QUEUED_BYTES = 1024 * 1024;

/** A Buffer as a Uint8Array over the same memory (no copy). */
const view = (b: Buffer) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

/**
 * Stream Maintenance.Snapshot from member `memberId` (hex; default the leader) on that member's
 * own client. The gRPC stream is paused whenever the HTTP client has {@link QUEUED_BYTES} bytes
 * unread and resumed when it reads on, so the gateway holds a few chunks, never the snapshot;
 * cancelling the body (the client went away) cancels the gRPC call. The first chunk is awaited
 * before this returns, so a member that can't snapshot fails the request with a JSON error
 * instead of a truncated file.
 * @throws GatewayError 404 `member_not_found`, 503 when the member is down or there is no leader.
 */
export async function snapshotStream(memberId?: string): Promise<SnapshotStream> {
  const members = await listMemberRefs();
  const member = memberId ? await findMember(memberId, members) : await findLeader(members);
  const call = await memberClient(member.clientUrl, getEtcd().config).maintenance.snapshot();
  // etcd3 types the call as a bare event emitter; it is grpc-js's ClientReadableStream.
  const grpc = call as unknown as Readable & { cancel(): void };
  const first = await new Promise<ISnapshotResponse | null>((resolve, reject) => {
    const onData = (r: ISnapshotResponse) => {
      grpc.pause();
      cleanup();
      resolve(r);
    };
    const onEnd = () => (cleanup(), resolve(null));
    const onError = (e: Error) => (cleanup(), reject(e));
    const cleanup = () => {
      grpc.removeListener("data", onData);
      grpc.removeListener("end", onEnd);
      grpc.removeListener("error", onError);
    };
    grpc.on("data", onData).on("end", onEnd).on("error", onError);
  });
  const revision = first?.header?.revision ?? "0";
  let done = false;
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        if (first?.blob?.length) controller.enqueue(view(first.blob));
        if (!first) {
          done = true;
          controller.close();
          return;
        }
        grpc.on("data", (r: ISnapshotResponse) => {
          if (r.blob?.length) controller.enqueue(view(r.blob));
          if ((controller.desiredSize ?? 0) <= 0) grpc.pause();
        });
        grpc.on("end", () => {
          if (!done) controller.close();
          done = true;
        });
        grpc.on("error", (e: Error) => {
          if (!done) controller.error(e);
          done = true;
        });
      },
      pull() {
        grpc.resume();
      },
      cancel() {
        done = true;
        grpc.cancel();
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: QUEUED_BYTES }),
  );
  return { body, member, revision };
}
