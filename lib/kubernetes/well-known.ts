/**
 * Go types with their own JSON form (a MarshalJSON method upstream), keyed by full proto name.
 * Each turns the message's wire bytes into what the API server serves; the proto layouts are
 * facts from kubernetes/apimachinery generated.proto (field numbers noted per type).
 */
import { readFields, readString, toSigned, type WireField } from "./wire";

const META = "k8s.io.apimachinery.pkg.apis.meta.v1";

/** Full proto names of the types handled here. */
export const WELL_KNOWN = {
  time: `${META}.Time`,
  microTime: `${META}.MicroTime`,
  duration: `${META}.Duration`,
  fieldsV1: `${META}.FieldsV1`,
  rawExtension: "k8s.io.apimachinery.pkg.runtime.RawExtension",
  quantity: "k8s.io.apimachinery.pkg.api.resource.Quantity",
  intOrString: "k8s.io.apimachinery.pkg.util.intstr.IntOrString",
} as const;

const names = new Set<string>(Object.values(WELL_KNOWN));

/** Whether `fullName` is a type with custom JSON. */
export function isWellKnown(fullName: string): boolean {
  return names.has(fullName);
}

function last(fields: WireField[], n: number): WireField | undefined {
  for (let i = fields.length - 1; i >= 0; i--) if (fields[i].number === n) return fields[i];
  return undefined;
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** RFC 3339 in UTC, Go's `time.RFC3339` (seconds) or metav1's RFC3339Micro (6 digits). */
export function formatTime(seconds: number, micros?: number): string {
  const d = new Date(seconds * 1000);
  const base =
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return micros === undefined ? `${base}Z` : `${base}.${pad(micros, 6)}Z`;
}

/** Go's time.Duration.String() for a count of nanoseconds ("1h2m3.5s", "300ms", "0s"). */
export function formatDuration(nanos: bigint): string {
  if (nanos === 0n) return "0s";
  const neg = nanos < 0n;
  let u = neg ? -nanos : nanos;
  let out: string;
  if (u < 1_000_000_000n) {
    // Sub-second: the largest unit that keeps an integer part, with a trimmed fraction.
    const [unit, scale] =
      u < 1000n ? ["ns", 1n] : u < 1_000_000n ? ["µs", 1000n] : ["ms", 1_000_000n];
    out = fraction(u, scale) + unit;
  } else {
    const secs = fraction(u % 60_000_000_000n, 1_000_000_000n) + "s";
    u /= 60_000_000_000n;
    out = secs;
    if (u > 0n) {
      out = `${u % 60n}m${out}`;
      u /= 60n;
      if (u > 0n) out = `${u}h${out}`;
    }
  }
  return neg ? `-${out}` : out;
}

function fraction(v: bigint, scale: bigint): string {
  const whole = v / scale;
  const rest = v % scale;
  if (rest === 0n) return String(whole);
  const digits = String(scale).length - 1;
  return `${whole}.${String(rest).padStart(digits, "0").replace(/0+$/, "")}`;
}

/**
 * The JSON of a well-known type. `present` is false for an absent non-pointer field (the Go
 * zero value). Embedded raw JSON that does not parse is returned as base64 under `$raw`.
 */
export function wellKnownJson(
  fullName: string,
  buf: Uint8Array,
  start: number,
  end: number,
  present: boolean,
): unknown {
  const fields = present ? readFields(buf, start, end) : [];
  switch (fullName) {
    case WELL_KNOWN.time:
    case WELL_KNOWN.microTime: {
      // Zero Time marshals to nothing (time_proto.go: Size 0), and to JSON null.
      if (!present || start === end) return null;
      const s = last(fields, 1);
      const seconds = s ? Number(toSigned(s.value, 64)) : 0;
      if (fullName === WELL_KNOWN.time) return formatTime(seconds);
      const n = last(fields, 2);
      const nanos = n ? Number(toSigned(n.value, 32)) : 0;
      return formatTime(seconds, Math.floor(nanos / 1000));
    }
    case WELL_KNOWN.duration: {
      const d = last(fields, 1);
      return formatDuration(d ? BigInt.asIntN(64, BigInt(d.value)) : 0n);
    }
    case WELL_KNOWN.quantity: {
      // Field 1 `string`: the canonical form, what kubectl prints.
      const s = last(fields, 1);
      return s ? readString(buf, s.start, s.end) : "0";
    }
    case WELL_KNOWN.intOrString: {
      // type = 1 (0 int, 1 string), intVal = 2, strVal = 3.
      const t = last(fields, 1);
      if (t && Number(t.value) === 1) {
        const s = last(fields, 3);
        return s ? readString(buf, s.start, s.end) : "";
      }
      const i = last(fields, 2);
      return i ? Number(toSigned(i.value, 32)) : 0;
    }
    case WELL_KNOWN.fieldsV1:
    case WELL_KNOWN.rawExtension: {
      // Field 1 `Raw`/`raw`: JSON bytes embedded as they are.
      const r = last(fields, 1);
      if (!r || r.start === r.end) return null;
      const raw = buf.subarray(r.start, r.end);
      try {
        return JSON.parse(readString(buf, r.start, r.end));
      } catch {
        return { $raw: Buffer.from(raw).toString("base64") };
      }
    }
  }
  return undefined;
}
