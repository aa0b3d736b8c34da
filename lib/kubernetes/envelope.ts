/**
 * The storage envelope kube-apiserver writes with the protobuf media type: the 4-byte magic
 * `k8s\0`, then a runtime.Unknown message. Field numbers from kubernetes/apimachinery
 * pkg/runtime/generated.proto: Unknown {typeMeta = 1, raw = 2, contentEncoding = 3,
 * contentType = 4}; TypeMeta {apiVersion = 1, kind = 2}.
 */
import { readFields, readString } from "./wire";

/** The protobuf storage magic: `k8s` and a zero byte. */
export const PROTOBUF_MAGIC = Uint8Array.of(0x6b, 0x38, 0x73, 0x00);

/** A parsed envelope: the object's type and where its protobuf sits in the value. */
export type Envelope = {
  apiVersion: string;
  kind: string;
  raw: Uint8Array;
  contentEncoding: string;
  contentType: string;
};

/** Whether a value starts with the protobuf storage magic. */
export function hasProtobufMagic(value: Uint8Array): boolean {
  return value.length >= 4 && PROTOBUF_MAGIC.every((b, i) => value[i] === b);
}

/** Parses `k8s\0` + runtime.Unknown. Throws WireError when the bytes are not a message. */
export function parseEnvelope(value: Uint8Array): Envelope {
  const env: Envelope = {
    apiVersion: "",
    kind: "",
    raw: new Uint8Array(0),
    contentEncoding: "",
    contentType: "",
  };
  for (const f of readFields(value, 4)) {
    if (f.number === 1 && f.wireType === 2) {
      for (const t of readFields(value, f.start, f.end)) {
        if (t.wireType !== 2) continue;
        if (t.number === 1) env.apiVersion = readString(value, t.start, t.end);
        if (t.number === 2) env.kind = readString(value, t.start, t.end);
      }
    } else if (f.number === 2 && f.wireType === 2) env.raw = value.subarray(f.start, f.end);
    else if (f.number === 3 && f.wireType === 2)
      env.contentEncoding = readString(value, f.start, f.end);
    else if (f.number === 4 && f.wireType === 2)
      env.contentType = readString(value, f.start, f.end);
  }
  return env;
}
