/**
 * Recognises a value stored by Kubernetes and decodes it (docs/kubernetes.md). Pure: no etcd,
 * no I/O beyond loading schema files on first use.
 */
import type { DecodedValue, UnknownField } from "@/lib/contract/kubernetes";
import { decodeCbor, hasCborMagic } from "./cbor";
import { parseEncrypted } from "./encrypted";
import { hasProtobufMagic, parseEnvelope } from "./envelope";
import { isRegistryKey } from "./registry";
import { hasTypeMeta, resolveKind } from "./schema";
import { decodeMessage } from "./to-json";
import { describeUnknown } from "./unknown-fields";
import { readFields, WireError } from "./wire";

/** Options for decodeKubernetesValue. */
export type DecodeOptions = {
  /** The key, to recognise JSON-stored objects (only under /registry/). */
  key?: Uint8Array;
  /** apiVersion/kind to use when the envelope leaves them empty (as some fixtures do). */
  typeHint?: { apiVersion: string; kind: string };
};

/**
 * Decodes `value` when it is a Kubernetes storage value: protobuf (`k8s\0`), CBOR (d9d9f7),
 * encrypted (`k8s:enc:`), or — under /registry/ — JSON with apiVersion and kind. Undefined for
 * anything else, and for protobuf/CBOR bytes too broken to read (the raw value still shows).
 */
export async function decodeKubernetesValue(
  value: Uint8Array,
  opts: DecodeOptions = {},
): Promise<DecodedValue | undefined> {
  if (hasProtobufMagic(value)) return decodeProtobuf(value, opts);
  const encrypted = parseEncrypted(value);
  if (encrypted) return encrypted;
  if (hasCborMagic(value)) return fromPlain("kubernetes-cbor", () => decodeCbor(value));
  if (value[0] === 0x7b && opts.key && isRegistryKey(opts.key))
    return fromPlain("kubernetes-json", () => JSON.parse(Buffer.from(value).toString("utf8")));
  return undefined;
}

function fromPlain(
  format: "kubernetes-json" | "kubernetes-cbor",
  parse: () => unknown,
): DecodedValue | undefined {
  let object: unknown;
  try {
    object = parse();
  } catch {
    return undefined;
  }
  if (!object || typeof object !== "object" || Array.isArray(object)) return undefined;
  const o = object as Record<string, unknown>;
  if (typeof o.apiVersion !== "string" || typeof o.kind !== "string") return undefined;
  return { format, apiVersion: o.apiVersion, kind: o.kind, object: o };
}

async function decodeProtobuf(
  value: Uint8Array,
  opts: DecodeOptions,
): Promise<DecodedValue | undefined> {
  try {
    const env = parseEnvelope(value);
    const apiVersion = env.apiVersion || opts.typeHint?.apiVersion || "";
    const kind = env.kind || opts.typeHint?.kind || "";
    const unknown: UnknownField[] = [];
    const name = await resolveKind(apiVersion, kind);
    let fields: Record<string, unknown> = {};
    if (name) {
      fields = decodeMessage(name, env.raw, 0, env.raw.length, "", { unknown }) as Record<
        string,
        unknown
      >;
    } else {
      for (const f of readFields(env.raw)) unknown.push(describeUnknown(env.raw, f, ""));
    }
    // TypeMeta is not in the object's own bytes: the envelope carries it (kind first, as Go's
    // TypeMeta declares it). Kinds without TypeMeta (WatchEvent) print none.
    const withType = !name || hasTypeMeta(name);
    const object: Record<string, unknown> = withType
      ? { ...(kind && { kind }), ...(apiVersion && { apiVersion }), ...fields }
      : fields;
    const out: DecodedValue = {
      format: "kubernetes",
      apiVersion,
      kind,
      object,
      schemaKnown: !!name,
    };
    if (unknown.length) out.unknownFields = unknown;
    return out;
  } catch (e) {
    if (e instanceof WireError) return undefined;
    throw e;
  }
}
