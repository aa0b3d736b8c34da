import "server-only";
import type { ICompare, IRangeResponse, IRequestOp, ITxnResponse } from "etcd3";
import type {
  DeleteKvResponse,
  DeletePrefixResponse,
  GetKvResponse,
  KvDto,
  PutKvResponse,
} from "@/lib/contract";
import { GatewayError, invalidField } from "@/lib/http/gateway-error";
import { withAccess } from "./access";
import { leaseFromHex, prefixEnd } from "./bytes";
import { getEtcd } from "./client";
import { writeOutcomeUnknown } from "./etcd-errors";
import { toKvDto } from "./kv-dto";
import { readWithFallback } from "./read-fallback";

/**
 * Read one key (etcd Range, optionally at a historical `revision`). Without a leader it is
 * served as a serializable read from one member, marked in the header (see readWithFallback).
 * @throws GatewayError 404 `key_not_found`, 410 `revision_compacted`, 403
 *   `etcd_permission_denied` naming the key, 503/504.
 */
export async function getKey(key: Buffer, revision?: string): Promise<GetKvResponse> {
  return readWithFallback(async ({ client, serializable }) => {
    const res = await withAccess({ key }, "read", () =>
      client.kv.range({ key, revision, serializable }),
    );
    const kv = res.kvs[0];
    if (!kv)
      throw new GatewayError("key_not_found", "the key does not exist", {
        revision: res.header.revision,
      });
    return { header: { revision: res.header.revision }, kv: toKvDto(kv) };
  });
}

/** What {@link putKey} writes. `lease`: hex to attach, null to detach, undefined to keep. */
export type PutInput = {
  key: Buffer;
  value: Buffer;
  lease?: string | null;
  ttl?: number;
  expectedModRevision?: string;
};

/**
 * Write a key in one etcd Txn (compare → put + read back), so the write and its guard are
 * atomic and the answer carries the key exactly as written.
 * - `expectedModRevision` "0": create only; "N": only if mod_revision is still N.
 * - Without `lease`/`ttl` an existing key keeps its lease (put with ignore_lease).
 * - `ttl` (seconds) grants a new lease first (LeaseGrant); it is revoked if the write certainly
 *   failed, and left to expire on its own when the outcome is unknown (revoking it would delete
 *   the key if the write was in fact applied).
 * @throws GatewayError 409 `conflict` with `details.current`, 404 `lease_not_found`, 403 naming
 *   the key (a read-only role: the Txn writes and reads back), 503/504.
 */
export async function putKey(input: PutInput): Promise<PutKvResponse> {
  const { write } = getEtcd();
  let granted: string | undefined;
  if (input.ttl !== undefined)
    granted = (await write.leaseClient.leaseGrant({ TTL: input.ttl })).ID;
  try {
    const res = await withAccess({ key: input.key }, "write", () =>
      write.kv.txn(putTxn(input, granted)),
    );
    const kv = rangeIn(res)?.kvs[0];
    // Only a guarded write can lose its compare; the unguarded txn branches on existence.
    if (!res.succeeded && input.expectedModRevision !== undefined) {
      throw conflict(kv, input.expectedModRevision);
    }
    if (!kv) throw new Error("txn read-back returned no key");
    granted = undefined;
    return { header: { revision: res.header.revision }, kv: toKvDto(kv) };
  } catch (err) {
    if (writeOutcomeUnknown(err)) granted = undefined; // it expires after its TTL instead
    throw err;
  } finally {
    if (granted) await write.leaseClient.leaseRevoke({ ID: granted }).catch(() => undefined);
  }
}

function putTxn(input: PutInput, granted: string | undefined) {
  const { key, value, expectedModRevision: expected } = input;
  const lease =
    granted ?? (input.lease ? leaseFromHex(input.lease) : input.lease === null ? "0" : undefined);
  const put = (keepLease: boolean): IRequestOp => ({
    request_put: keepLease
      ? { key, value, ignore_lease: true }
      : { key, value, lease: lease ?? "0" },
  });
  const readBack: IRequestOp = { request_range: { key } };
  if (expected === "0") {
    const compare: ICompare = { key, target: "Create", result: "Equal", create_revision: "0" };
    return { compare: [compare], success: [put(false), readBack], failure: [readBack] };
  }
  if (expected !== undefined) {
    const compare: ICompare = { key, target: "Mod", result: "Equal", mod_revision: expected };
    return {
      compare: [compare],
      success: [put(lease === undefined), readBack],
      failure: [readBack],
    };
  }
  if (lease !== undefined) return { compare: [], success: [put(false), readBack], failure: [] };
  // Keep the lease of an existing key; a new key gets none. ignore_lease fails on a missing key,
  // hence the branch on version.
  const exists: ICompare = { key, target: "Version", result: "Greater", version: "0" };
  return { compare: [exists], success: [put(true), readBack], failure: [put(false), readBack] };
}

/**
 * Delete one key (DeleteRange with prev_kv; in a Txn guarded by mod_revision when
 * `expectedModRevision` is given).
 * @throws GatewayError 404 `key_not_found`, 409 `conflict` with `details.current`, 403 naming
 *   the key, 503/504.
 */
export async function deleteKey(
  key: Buffer,
  expectedModRevision?: string,
): Promise<DeleteKvResponse> {
  const { write } = getEtcd();
  if (expectedModRevision === undefined) {
    const res = await withAccess({ key }, "write", () =>
      write.kv.deleteRange({ key, prev_kv: true }),
    );
    if (res.deleted === "0") throw new GatewayError("key_not_found", "the key does not exist");
    return {
      header: { revision: res.header.revision },
      deleted: res.deleted,
      prevKv: dto(res.prev_kvs[0]),
    };
  }
  const res = await withAccess({ key }, "write", () =>
    write.kv.txn({
      compare: [{ key, target: "Mod", result: "Equal", mod_revision: expectedModRevision }],
      success: [{ request_delete_range: { key, prev_kv: true } }],
      failure: [{ request_range: { key } }],
    }),
  );
  if (!res.succeeded) throw conflict(rangeIn(res)?.kvs[0], expectedModRevision);
  const del = res.responses.find((r) => r.response_delete_range)?.response_delete_range;
  return {
    header: { revision: res.header.revision },
    deleted: del?.deleted ?? "0",
    prevKv: dto(del?.prev_kvs[0]),
  };
}

/**
 * Delete every key under `prefix` (one DeleteRange). The empty prefix is the whole keyspace and
 * needs `all` to be true.
 * @throws GatewayError 400 naming `prefix` when it is empty without `all`, 403 naming the
 *   prefix, 503/504.
 */
export async function deletePrefix(prefix: Buffer, all: boolean): Promise<DeletePrefixResponse> {
  if (prefix.length === 0 && !all) {
    throw invalidField(
      "prefix",
      "is empty (the whole keyspace); add all=true to delete everything",
    );
  }
  const key = prefix.length ? prefix : Buffer.from([0]);
  const res = await withAccess({ prefix }, "write", () =>
    getEtcd().write.kv.deleteRange({ key, range_end: prefixEnd(prefix) }),
  );
  return { header: { revision: res.header.revision }, deleted: res.deleted };
}

function rangeIn(res: ITxnResponse): IRangeResponse | undefined {
  return res.responses.find((r) => r.response_range)?.response_range;
}

function dto(kv: Parameters<typeof toKvDto>[0] | undefined): KvDto | null {
  return kv ? toKvDto(kv) : null;
}

function conflict(
  current: Parameters<typeof toKvDto>[0] | undefined,
  expected?: string,
): GatewayError {
  const message =
    expected === "0"
      ? "the key already exists"
      : current
        ? `the key changed since it was read (expected mod_revision ${expected}, now ${current.mod_revision})`
        : "the key no longer exists";
  return new GatewayError("conflict", message, { current: dto(current) });
}
