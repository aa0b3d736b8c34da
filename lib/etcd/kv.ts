import "server-only";
import type {
  ICompare,
  IRangeResponse,
  IRequestOp,
  ITxnRequest,
  ITxnResponse,
  KVClient,
} from "etcd3";
import type {
  DeleteKvResponse,
  DeletePrefixResponse,
  GetKvResponse,
  KvDto,
  PutKvResponse,
} from "@/lib/contract";
import { GatewayError, invalidField } from "@/lib/errors/gateway-error";
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

/** Rounds of {@link putKeepingLease} before giving up on a key that keeps appearing and vanishing. */
const KEEP_LEASE_ROUNDS = 5;

/**
 * Write a key with an etcd Txn (compare → put + read back), so the write and its guard are
 * atomic and the answer carries the key exactly as written. Every Txn carries the value once,
 * so a value up to etcd's request limit (`--max-request-bytes`, 1.5 MiB by default, minus the
 * key and a few bytes of framing) fits.
 * - `expectedModRevision` "0": create only; "N": only if mod_revision is still N.
 * - Without `lease`/`ttl` an existing key keeps its lease (put with ignore_lease), a new key
 *   gets none: see {@link putKeepingLease}.
 * - `ttl` (seconds) grants a new lease first (LeaseGrant); it is revoked if the write certainly
 *   failed, and left to expire on its own when the outcome is unknown (revoking it would delete
 *   the key if the write was in fact applied).
 * @throws GatewayError 409 `conflict` with `details.current`, 404 `lease_not_found`, 403 naming
 *   the key (a read-only role: the Txn writes and reads back), 413 `too_large` when etcd
 *   refuses the request size, 503/504.
 */
export async function putKey(input: PutInput): Promise<PutKvResponse> {
  const { write } = getEtcd();
  let granted: string | undefined;
  if (input.ttl !== undefined)
    granted = (await write.leaseClient.leaseGrant({ TTL: input.ttl })).ID;
  try {
    const lease =
      granted ?? (input.lease ? leaseFromHex(input.lease) : input.lease === null ? "0" : undefined);
    const res = await withAccess({ key: input.key }, "write", () =>
      lease === undefined && input.expectedModRevision === undefined
        ? putKeepingLease(write.kv, input.key, input.value)
        : write.kv.txn(guardedPutTxn(input, lease)),
    );
    const kv = rangeIn(res)?.kvs[0];
    if (!res.succeeded) throw conflict(kv, input.expectedModRevision);
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

const readBack = (key: Buffer): IRequestOp => ({ request_range: { key } });

/**
 * The Txn of a put that names its lease (`lease` decimal, "0" for none) or is guarded by
 * `expectedModRevision`: the put in the success branch only, the read-back in both (a lost
 * compare reports the key as it is now).
 */
function guardedPutTxn(input: PutInput, lease: string | undefined): ITxnRequest {
  const { key, value, expectedModRevision: expected } = input;
  // A compare-and-swap without a lease keeps the key's lease (it exists, or the compare fails);
  // a create has no lease to keep.
  const keepLease = lease === undefined && expected !== "0";
  const put: IRequestOp = {
    request_put: keepLease
      ? { key, value, ignore_lease: true }
      : { key, value, lease: lease ?? "0" },
  };
  const compare: ICompare[] =
    expected === "0"
      ? [{ key, target: "Create", result: "Equal", create_revision: "0" }]
      : expected !== undefined
        ? [{ key, target: "Mod", result: "Equal", mod_revision: expected }]
        : [];
  return { compare, success: [put, readBack(key)], failure: [readBack(key)] };
}

/**
 * A plain put that keeps an existing key's lease and gives a new key none. ignore_lease fails
 * on a missing key, so this is two guarded Txns rather than one Txn with a put in each branch:
 * that would carry the value twice and halve the largest value etcd accepts. First "if the key
 * exists, put with ignore_lease"; when it doesn't, "if the key still doesn't exist, put without
 * a lease"; repeated while a concurrent writer keeps flipping the key between the two.
 * @throws GatewayError 409 `conflict` after {@link KEEP_LEASE_ROUNDS} lost rounds.
 */
async function putKeepingLease(kv: KVClient, key: Buffer, value: Buffer): Promise<ITxnResponse> {
  for (let round = 0; round < KEEP_LEASE_ROUNDS; round++) {
    const existing = await kv.txn({
      compare: [{ key, target: "Version", result: "Greater", version: "0" }],
      success: [{ request_put: { key, value, ignore_lease: true } }, readBack(key)],
      failure: [],
    });
    if (existing.succeeded) return existing;
    const created = await kv.txn({
      compare: [{ key, target: "Create", result: "Equal", create_revision: "0" }],
      success: [{ request_put: { key, value, lease: "0" } }, readBack(key)],
      failure: [],
    });
    if (created.succeeded) return created;
  }
  throw new GatewayError("conflict", "the key kept being created and deleted concurrently", {
    current: null,
  });
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
