/**
 * A Kubernetes message's protobuf → the JSON the API server serves for it.
 *
 * The API server decodes protobuf into Go structs and encodes those with encoding/json, so this
 * mirrors Go's rules rather than protobuf's: an absent non-pointer field is its Go zero value
 * (printed unless `omitempty`), an absent pointer/slice/map is nil (null unless `omitempty`),
 * `omitempty` drops "", 0, false and empty slices/maps but never a struct, embedded structs are
 * inlined, map keys come out sorted, fields in Go declaration order.
 */
import type { UnknownField } from "@/lib/contract/kubernetes";
import { message, type FieldDescriptor } from "./schema";
import { describeUnknown } from "./unknown-fields";
import { isWellKnown, wellKnownJson } from "./well-known";
import { readFields, readString, readVarint, toSigned, WIRE, type WireField } from "./wire";

/** Collects what the schema did not know while decoding one value. */
export type DecodeContext = { unknown: UnknownField[] };

const SCALAR_WIRE: Record<string, number> = {
  string: WIRE.bytes,
  bytes: WIRE.bytes,
  bool: WIRE.varint,
  int32: WIRE.varint,
  int64: WIRE.varint,
  uint32: WIRE.varint,
  uint64: WIRE.varint,
  double: WIRE.fixed64,
  float: WIRE.fixed32,
};

/** The Go zero value of a scalar, as JSON (bytes: nil → null). */
function scalarZero(type: string): unknown {
  if (type === "string") return "";
  if (type === "bool") return false;
  if (type === "bytes") return null;
  return 0;
}

function scalarValue(type: string, buf: Uint8Array, f: WireField): unknown {
  switch (type) {
    case "string":
      return readString(buf, f.start, f.end);
    case "bytes":
      return Buffer.from(buf.buffer, buf.byteOffset + f.start, f.end - f.start).toString("base64");
    case "bool":
      return f.value !== 0 && f.value !== 0n;
    case "int32":
      return toSigned(f.value, 32);
    case "int64": {
      // Beyond 2^53 a JS number would round: such values come out as decimal strings.
      const v = toSigned(f.value, 64);
      return typeof v === "bigint" ? v.toString() : v;
    }
    case "uint32":
    case "uint64":
      return typeof f.value === "bigint" ? f.value.toString() : f.value;
    case "double":
      return new DataView(buf.buffer, buf.byteOffset + f.start, 8).getFloat64(0, true);
    case "float":
      return new DataView(buf.buffer, buf.byteOffset + f.start, 4).getFloat32(0, true);
  }
  return undefined;
}

/** Go's omitempty test on an encoded value: "", 0, false, nil and empty slices/maps. */
function isEmpty(v: unknown): boolean {
  if (v === null || v === "" || v === 0 || v === false) return true;
  if (Array.isArray(v)) return v.length === 0;
  return false;
}

/** Whether a field's Go type is a struct (omitempty never omits those); list wrappers are slices. */
function isStruct(type: string, pkg: string): boolean {
  if (Object.hasOwn(SCALAR_WIRE, type)) return false;
  const desc = message(fullName(type, pkg));
  return !desc || Array.isArray(desc);
}

function fullName(type: string, pkg: string): string {
  return type.includes(".") ? type : `${pkg}.${type}`;
}

/** One value of type `type` (scalar or message) from a wire field, or its zero when absent. */
function decodeValue(
  type: string,
  pkg: string,
  buf: Uint8Array,
  f: WireField | undefined,
  path: string,
  ctx: DecodeContext,
): unknown {
  if (Object.hasOwn(SCALAR_WIRE, type)) return f ? scalarValue(type, buf, f) : scalarZero(type);
  const name = fullName(type, pkg);
  if (isWellKnown(name)) return wellKnownJson(name, buf, f?.start ?? 0, f?.end ?? 0, !!f);
  return decodeMessage(name, buf, f?.start ?? 0, f?.end ?? 0, path, ctx);
}

/** Wire type a field of `type` must arrive with (messages and strings are length-delimited). */
function expectedWire(type: string): number {
  return SCALAR_WIRE[type] ?? WIRE.bytes;
}

/**
 * Decodes the message `name` in `buf[start, end)` to its served JSON. Fields the descriptor does
 * not list (a newer Kubernetes) or that arrive with the wrong wire type go to `ctx.unknown`.
 * A message missing from the schema is wholly unknown: `{}` here, its fields in `ctx.unknown`.
 */
export function decodeMessage(
  name: string,
  buf: Uint8Array,
  start: number,
  end: number,
  path: string,
  ctx: DecodeContext,
): unknown {
  const desc = message(name);
  const wire = readFields(buf, start, end);
  const pkg = name.slice(0, name.lastIndexOf("."));
  if (!desc) {
    for (const f of wire) ctx.unknown.push(describeUnknown(buf, f, path));
    return {};
  }
  if (!Array.isArray(desc)) {
    // A Go slice in a message wrapper: {repeated T items = 1} → the bare array (nil → null).
    const items = wire.filter((f) => f.number === 1);
    for (const f of wire) if (f.number !== 1) ctx.unknown.push(describeUnknown(buf, f, path));
    if (!items.length) return null;
    return items.map((f, i) => decodeValue(desc.list, pkg, buf, f, `${path}[${i}]`, ctx));
  }
  const byNumber = new Map<number, WireField[]>();
  for (const f of wire) {
    const list = byNumber.get(f.number);
    if (list) list.push(f);
    else byNumber.set(f.number, [f]);
  }
  const out: Record<string, unknown> = {};
  const known = new Set<number>();
  for (const field of desc) {
    known.add(field[1]);
    decodeField(field, pkg, buf, byNumber.get(field[1]), path, ctx, out);
  }
  for (const f of wire) if (!known.has(f.number)) ctx.unknown.push(describeUnknown(buf, f, path));
  return out;
}

function decodeField(
  [jsonName, , type, flags = ""]: FieldDescriptor,
  pkg: string,
  buf: Uint8Array,
  occurrences: WireField[] | undefined,
  path: string,
  ctx: DecodeContext,
  out: Record<string, unknown>,
): void {
  const omitEmpty = flags.includes("o");
  const omitZero = flags.includes("z");
  const pointer = flags.includes("p");
  const at = path ? `${path}.${jsonName}` : jsonName;
  let all = occurrences ?? [];
  const elemType = type.startsWith("[]") ? type.slice(2) : type.startsWith("map:") ? null : type;
  // A wrong wire type is a different field to a newer schema: keep it, but as unknown.
  const want = elemType && expectedWire(elemType);
  if (want !== null && want !== undefined) {
    const packable = elemType && want !== WIRE.bytes && type.startsWith("[]");
    const bad = all.filter((f) => f.wireType !== want && !(packable && f.wireType === WIRE.bytes));
    for (const f of bad) ctx.unknown.push(describeUnknown(buf, f, path));
    if (bad.length) all = all.filter((f) => !bad.includes(f));
  }

  let value: unknown;
  if (type.startsWith("map:")) {
    const [, keyType, valueType] = type.split(":");
    if (!all.length) value = null;
    else {
      const entries: [string, unknown][] = [];
      for (const e of all) {
        const kv = readFields(buf, e.start, e.end);
        const k = kv.findLast((f) => f.number === 1);
        const v = kv.findLast((f) => f.number === 2);
        const key = String(decodeValue(keyType, pkg, buf, k, at, ctx));
        entries.push([key, decodeValue(valueType, pkg, buf, v, `${at}.${key}`, ctx)]);
      }
      // Go's encoding/json writes map keys sorted; later duplicates win, as in proto.
      const map = new Map(entries);
      value = Object.fromEntries(
        [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
      );
      if (map.size === 0) value = {};
    }
    if (value !== null && Object.keys(value as object).length === 0 && omitEmpty) return;
  } else if (type.startsWith("[]")) {
    const t = type.slice(2);
    if (!all.length) value = null;
    else {
      const items: unknown[] = [];
      for (const f of all) {
        if (f.wireType === WIRE.bytes && expectedWire(t) !== WIRE.bytes) {
          // Packed repeated scalars: one length-delimited run of values.
          items.push(...unpack(t, buf, f));
        } else items.push(decodeValue(t, pkg, buf, f, `${at}[${items.length}]`, ctx));
      }
      value = items;
    }
  } else {
    const f = all.at(-1);
    if (flags.includes("i")) {
      // Embedded struct: its fields join this object (a nil embedded pointer adds nothing).
      if (!f && pointer) return;
      const inner = decodeValue(type, pkg, buf, f, path, ctx);
      if (inner && typeof inner === "object") Object.assign(out, inner);
      return;
    }
    if (!f && pointer) {
      if (!omitEmpty && !omitZero) out[jsonName] = null;
      return;
    }
    // Absent and not a pointer: the Go zero value, which decodeValue gives for f undefined.
    value = decodeValue(type, pkg, buf, f, at, ctx);
    if (omitZero && (value === null || (!isStruct(type, pkg) && isEmpty(value)))) return;
    // omitempty never drops a struct, nor a pointer that is set.
    if (omitEmpty && !pointer && !isStruct(type, pkg) && isEmpty(value)) return;
    out[jsonName] = value;
    return;
  }
  if (omitEmpty && value === null) return;
  out[jsonName] = value;
}

function unpack(type: string, buf: Uint8Array, f: WireField): unknown[] {
  const items: unknown[] = [];
  if (type === "double" || type === "float") {
    const size = type === "double" ? 8 : 4;
    for (let p = f.start; p + size <= f.end; p += size)
      items.push(scalarValue(type, buf, { ...f, start: p, end: p + size }));
    return items;
  }
  for (let pos = f.start; pos < f.end;) {
    const [value, next] = readVarint(buf, pos);
    items.push(
      scalarValue(type, buf, { ...f, wireType: WIRE.varint, value, start: pos, end: next }),
    );
    pos = next;
  }
  return items;
}

/** Decodes a top-level object (no path) — see decodeMessage. */
export function decodeObject(name: string, raw: Uint8Array, ctx: DecodeContext): unknown {
  return decodeMessage(name, raw, 0, raw.length, "", ctx);
}
