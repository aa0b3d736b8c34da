/**
 * The inverse of decode: a Kubernetes object's JSON → the bytes kube-apiserver stores (`k8s\0` +
 * runtime.Unknown), from the same descriptors. Used for the demo keyspace, tests and benches;
 * the gateway itself never writes Kubernetes objects. Fields are written in field-number order
 * and map entries by key, as Go's generated marshalers do.
 */
import { PROTOBUF_MAGIC } from "./envelope";
import { hasTypeMeta, message, resolveKind, type FieldDescriptor } from "./schema";
import { WELL_KNOWN } from "./well-known";
import { WireWriter } from "./wire-writer";

/** Thrown for JSON the schema cannot express (an unknown kind or field, a wrong type). */
export class EncodeError extends Error {}

/**
 * Encodes `object` (with apiVersion and kind at its top, as kubectl prints it) for storage.
 * Throws EncodeError naming the JSON path of anything it cannot encode.
 */
export async function encodeKubernetesObject(object: Record<string, unknown>): Promise<Uint8Array> {
  const { apiVersion, kind } = object;
  if (typeof apiVersion !== "string" || typeof kind !== "string")
    throw new EncodeError("apiVersion and kind must be strings");
  const name = await resolveKind(apiVersion, kind);
  if (!name) throw new EncodeError(`no schema for ${apiVersion} ${kind}`);
  const body = { ...object };
  if (hasTypeMeta(name)) {
    delete body.apiVersion;
    delete body.kind;
  }
  const raw = encodeMessage(name, body, "");
  const typeMeta = new WireWriter();
  typeMeta.stringField(1, apiVersion);
  typeMeta.stringField(2, kind);
  const w = new WireWriter();
  w.raw(PROTOBUF_MAGIC);
  w.bytesField(1, typeMeta.finish());
  w.bytesField(2, raw);
  // contentEncoding (3) and contentType (4) are written empty, as kube-apiserver does.
  w.bytesField(3, new Uint8Array(0));
  w.bytesField(4, new Uint8Array(0));
  return w.finish();
}

const pkgOf = (name: string) => name.slice(0, name.lastIndexOf("."));
const full = (type: string, pkg: string) => (type.includes(".") ? type : `${pkg}.${type}`);

/**
 * Encodes the JSON `value` as message `name`; returns the message bytes (no tag). `partial`: the
 * object also holds other fields (an embedded struct's share of its parent's keys).
 */
export function encodeMessage(
  name: string,
  value: unknown,
  path: string,
  partial = false,
): Uint8Array {
  const w = new WireWriter();
  const wk = encodeWellKnown(name, value, path, w);
  if (wk) return w.finish();
  const desc = message(name);
  if (!desc) throw new EncodeError(`${path || "object"}: no schema for ${name}`);
  const pkg = pkgOf(name);
  if (!Array.isArray(desc)) {
    if (!Array.isArray(value)) throw new EncodeError(`${path}: expected an array`);
    value.forEach((v, i) => writeValue(w, 1, desc.list, pkg, v, `${path}[${i}]`));
    return w.finish();
  }
  if (!value || typeof value !== "object" || Array.isArray(value))
    throw new EncodeError(`${path}: expected an object`);
  const obj = value as Record<string, unknown>;
  const used = new Set<string>();
  const fields = [...desc].sort((a, b) => a[1] - b[1]);
  for (const field of fields) writeField(w, field, pkg, obj, path, used);
  const extra = Object.keys(obj).filter((k) => !used.has(k));
  if (extra.length && !partial)
    throw new EncodeError(`${path ? `${path}.` : ""}${extra[0]}: not a field of ${name}`);
  return w.finish();
}

function writeField(
  w: WireWriter,
  [jsonName, number, type, flags = ""]: FieldDescriptor,
  pkg: string,
  obj: Record<string, unknown>,
  path: string,
  used: Set<string>,
): void {
  if (flags.includes("i")) {
    // Embedded struct: its fields are the parent's JSON keys.
    const names = jsonNames(full(type, pkg));
    const picked = Object.fromEntries(Object.entries(obj).filter(([k]) => names.has(k)));
    if (flags.includes("p") && !Object.keys(picked).length) return;
    for (const k of Object.keys(picked)) used.add(k);
    w.bytesField(number, encodeMessage(full(type, pkg), picked, path, true));
    return;
  }
  if (!Object.hasOwn(obj, jsonName)) return;
  used.add(jsonName);
  const v = obj[jsonName];
  const at = path ? `${path}.${jsonName}` : jsonName;
  if (v === null) return;
  if (type.startsWith("map:")) {
    const [, keyType, valueType] = type.split(":");
    if (typeof v !== "object" || Array.isArray(v)) throw new EncodeError(`${at}: expected a map`);
    for (const key of Object.keys(v).sort()) {
      const e = new WireWriter();
      writeValue(e, 1, keyType, pkg, key, at);
      writeValue(e, 2, valueType, pkg, (v as Record<string, unknown>)[key], `${at}.${key}`);
      w.bytesField(number, e.finish());
    }
  } else if (type.startsWith("[]")) {
    if (!Array.isArray(v)) throw new EncodeError(`${at}: expected an array`);
    v.forEach((item, i) => writeValue(w, number, type.slice(2), pkg, item, `${at}[${i}]`));
  } else writeValue(w, number, type, pkg, v, at);
}

/** The JSON keys a struct contributes, its own embedded structs' included. */
function jsonNames(name: string, out = new Set<string>()): Set<string> {
  const desc = message(name);
  if (!Array.isArray(desc)) return out;
  for (const [json, , type, flags = ""] of desc) {
    if (flags.includes("i")) jsonNames(full(type, pkgOf(name)), out);
    else out.add(json);
  }
  return out;
}

function writeValue(
  w: WireWriter,
  number: number,
  type: string,
  pkg: string,
  v: unknown,
  at: string,
): void {
  const bad = () => new EncodeError(`${at}: expected ${type}, got ${JSON.stringify(v)}`);
  switch (type) {
    case "string":
      if (typeof v !== "string") throw bad();
      return w.stringField(number, v);
    case "bytes":
      if (typeof v !== "string") throw bad();
      return w.bytesField(number, Buffer.from(v, "base64"));
    case "bool":
      if (typeof v !== "boolean") throw bad();
      return w.varintField(number, v ? 1 : 0);
    case "int32":
    case "int64":
    case "uint32":
    case "uint64":
      if (typeof v === "number" && Number.isInteger(v)) return w.varintField(number, v);
      if (typeof v === "string" && /^-?\d+$/.test(v)) return w.varintField(number, BigInt(v));
      throw bad();
    case "double":
    case "float":
      throw new EncodeError(`${at}: floating-point fields are not encoded`);
  }
  w.bytesField(number, encodeMessage(full(type, pkg), v, at));
}

/** Go duration text ("1h2m3.5s", "300ms") → nanoseconds. */
export function parseDuration(text: string): bigint {
  const units: Record<string, number> = {
    h: 3.6e12,
    m: 6e10,
    s: 1e9,
    ms: 1e6,
    us: 1e3,
    µs: 1e3,
    ns: 1,
  };
  const m = /^(-?)((?:\d+(?:\.\d+)?(?:h|ms|m|s|us|µs|ns))+)$/.exec(text);
  if (!m) throw new EncodeError(`not a duration: ${text}`);
  let total = 0;
  for (const [, n, u] of m[2].matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/g))
    total += Number(n) * units[u];
  return BigInt(Math.round(m[1] ? -total : total));
}

function encodeWellKnown(name: string, v: unknown, at: string, w: WireWriter): boolean {
  switch (name) {
    case WELL_KNOWN.time:
    case WELL_KNOWN.microTime: {
      if (v === null) return true;
      if (typeof v !== "string") throw new EncodeError(`${at}: expected an RFC 3339 time`);
      const ms = Date.parse(v);
      if (Number.isNaN(ms)) throw new EncodeError(`${at}: expected an RFC 3339 time`);
      // Timestamp {seconds = 1, nanos = 2}; Go writes nanos even when 0 (Time keeps none).
      w.varintField(1, Math.floor(ms / 1000));
      const micros = /\.(\d{1,6})/.exec(v)?.[1] ?? "0";
      w.varintField(2, name === WELL_KNOWN.microTime ? Number(micros.padEnd(6, "0")) * 1000 : 0);
      return true;
    }
    case WELL_KNOWN.duration:
      if (typeof v !== "string") throw new EncodeError(`${at}: expected a duration`);
      w.varintField(1, parseDuration(v));
      return true;
    case WELL_KNOWN.quantity:
      if (typeof v !== "string" && typeof v !== "number")
        throw new EncodeError(`${at}: expected a quantity`);
      w.stringField(1, String(v));
      return true;
    case WELL_KNOWN.intOrString:
      // {type = 1, intVal = 2, strVal = 3}: Go writes all three (non-pointer scalars).
      if (typeof v !== "number" && typeof v !== "string")
        throw new EncodeError(`${at}: expected an int or a string`);
      w.varintField(1, typeof v === "number" ? 0 : 1);
      w.varintField(2, typeof v === "number" ? v : 0);
      w.stringField(3, typeof v === "string" ? v : "");
      return true;
    case WELL_KNOWN.fieldsV1:
    case WELL_KNOWN.rawExtension:
      if (v !== null) w.bytesField(1, Buffer.from(JSON.stringify(v), "utf8"));
      return true;
  }
  return false;
}
