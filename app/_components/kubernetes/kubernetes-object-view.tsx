"use client";

import { useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import type { DecodedKubernetesObject, KvDto } from "@/lib/contract";
import { displayObject, objectName, objectText, type ObjectFormat } from "./object-text";
import { UnknownFieldsTable } from "./unknown-fields-table";

const FORMAT_NAME = {
  kubernetes: "protobuf",
  "kubernetes-json": "JSON",
  "kubernetes-cbor": "CBOR",
} as const;

/**
 * A Kubernetes object decoded by the gateway, read-only: a header with kind, namespace/name and
 * resourceVersion (= the key's mod_revision), the object as YAML (default) or JSON, a Secret's
 * `data` masked until revealed, and any protobuf fields the schema did not know.
 * @prop kv       the key as read (its modRevision is the object's resourceVersion)
 * @prop decoded  the gateway's `decoded` for that value
 */
export function KubernetesObjectView({
  kv,
  decoded,
}: {
  kv: KvDto;
  decoded: DecodedKubernetesObject;
}) {
  const [format, setFormat] = useState<ObjectFormat>("yaml");
  const [reveal, setReveal] = useState(false);
  const isSecret = decoded.kind === "Secret";
  const text = useMemo(
    () => objectText(displayObject(decoded.object, kv.modRevision, reveal), format),
    [decoded.object, kv.modRevision, reveal, format],
  );
  const name = objectName(decoded.object);

  return (
    <section aria-label="Kubernetes object" className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
        <span
          aria-label="Kind"
          className="rounded bg-indigo-100 px-1.5 py-0.5 font-medium text-indigo-900"
        >
          {decoded.kind}
        </span>
        {name ? (
          <span aria-label="Namespace/name" className="font-mono text-slate-900">
            {name}
          </span>
        ) : null}
        <span className="text-xs text-slate-600">
          apiVersion <span className="font-mono">{decoded.apiVersion}</span>
        </span>
        <span className="text-xs text-slate-600">
          resourceVersion{" "}
          <span aria-label="resourceVersion" className="font-mono">
            {kv.modRevision}
          </span>
        </span>
        <span className="text-xs text-slate-500">stored as {FORMAT_NAME[decoded.format]}</span>
        <div role="group" aria-label="Show as" className="ml-auto flex gap-1">
          {(["yaml", "json"] as const).map((f) => (
            <Button
              key={f}
              size="sm"
              variant={format === f ? "primary" : "secondary"}
              aria-pressed={format === f}
              onClick={() => setFormat(f)}
            >
              {f.toUpperCase()}
            </Button>
          ))}
          {isSecret ? (
            <Button size="sm" aria-pressed={reveal} onClick={() => setReveal((r) => !r)}>
              {reveal ? "Hide secret data" : "Reveal secret data"}
            </Button>
          ) : null}
        </div>
      </div>
      {decoded.schemaKnown === false ? (
        <p className="text-xs text-amber-800">
          No schema for {decoded.apiVersion} {decoded.kind}: its fields are shown as raw protobuf
          below.
        </p>
      ) : null}
      <pre
        aria-label={`Object (${format.toUpperCase()})`}
        className="max-h-[65vh] overflow-auto rounded-md border border-slate-200 bg-white p-3 font-mono text-[13px] leading-5 whitespace-pre"
      >
        {text}
      </pre>
      {decoded.unknownFields?.length ? <UnknownFieldsTable fields={decoded.unknownFields} /> : null}
    </section>
  );
}
