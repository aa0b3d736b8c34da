import "server-only";
import type { IKeyValue } from "etcd3";
import type { KvDto } from "@/lib/contract";
import { encodeBytes } from "@/lib/format/bytes";
import { leaseToHex } from "./bytes";

/** An etcd KeyValue (Buffers, int64 strings) as the API's {@link KvDto}. */
export function toKvDto(kv: IKeyValue): KvDto {
  const key = encodeBytes(kv.key);
  const value = encodeBytes(kv.value ?? Buffer.alloc(0));
  return {
    key: key.text,
    keyEncoding: key.encoding,
    value: value.text,
    valueEncoding: value.encoding,
    createRevision: String(kv.create_revision),
    modRevision: String(kv.mod_revision),
    version: String(kv.version),
    lease: leaseToHex(kv.lease),
    valueSize: kv.value?.length ?? 0,
  };
}
