import { stringify } from "yaml";

/** How a decoded object is shown: YAML as `kubectl -o yaml` (keys sorted), JSON as served. */
export type ObjectFormat = "yaml" | "json";

/**
 * The object as the user sees it: `metadata.resourceVersion` filled from the key's mod_revision
 * (kube-apiserver strips it before storing and sets it on every read), and — for a Secret not
 * revealed — each `data`/`stringData` value replaced by a mask naming its size.
 */
export function displayObject(
  object: Record<string, unknown>,
  modRevision: string,
  revealSecrets: boolean,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...object };
  const meta = out.metadata;
  if (meta && typeof meta === "object" && !Array.isArray(meta)) {
    const m = meta as Record<string, unknown>;
    if (m.resourceVersion === undefined) out.metadata = { ...m, resourceVersion: modRevision };
  }
  if (out.kind === "Secret" && !revealSecrets) {
    for (const field of ["data", "stringData"]) {
      const v = out[field];
      if (v && typeof v === "object" && !Array.isArray(v))
        out[field] = Object.fromEntries(
          Object.entries(v as Record<string, unknown>).map(([k, val]) => [k, mask(field, val)]),
        );
    }
  }
  return out;
}

function mask(field: string, value: unknown): string {
  if (typeof value !== "string") return "(hidden)";
  // data values are base64: show the decoded size, as `kubectl describe secret` does.
  const bytes =
    field === "data"
      ? Math.floor((value.replace(/=+$/, "").length * 3) / 4)
      : new TextEncoder().encode(value).length;
  return `(hidden, ${bytes} bytes)`;
}

/** The object as YAML or JSON text. */
export function objectText(object: Record<string, unknown>, format: ObjectFormat): string {
  return format === "json"
    ? JSON.stringify(object, null, 2)
    : stringify(object, { sortMapEntries: true, lineWidth: 0 });
}

/** `namespace/name`, or `name` for a cluster-scoped object; null without metadata.name. */
export function objectName(object: Record<string, unknown>): string | null {
  const m = object.metadata as Record<string, unknown> | undefined;
  if (!m || typeof m.name !== "string") return null;
  return typeof m.namespace === "string" && m.namespace ? `${m.namespace}/${m.name}` : m.name;
}
