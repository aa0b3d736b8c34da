"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { Encoding, GetKvResponse } from "@/lib/contract";
import { apiFetch } from "@/lib/query/fetcher";
import { DecodedValueView } from "./decoded-value";

type State =
  | { kind: "idle" }
  | { kind: "loading" }
  | { kind: "done"; res: GetKvResponse }
  | { kind: "error"; message: string };

/**
 * On demand, the Kubernetes object a watch event wrote: `GET /api/v1/kv?key=K&revision=R` at
 * the event's revision (the gateway decodes it as for any read). Offered for puts under
 * `/registry/`; a compacted revision says so (410).
 * @prop keyRef    the event's key
 * @prop revision  the event's modRevision
 */
export function EventDecode({
  keyRef,
  revision,
}: {
  keyRef: { key: string; keyEncoding: Encoding };
  revision: string;
}) {
  const [state, setState] = useState<State>({ kind: "idle" });
  async function load() {
    setState({ kind: "loading" });
    try {
      const res = await apiFetch<GetKvResponse>("/kv", {
        params: { key: keyRef.key, keyEncoding: keyRef.keyEncoding, revision },
      });
      setState({ kind: "done", res });
    } catch (e) {
      setState({ kind: "error", message: (e as Error).message });
    }
  }
  if (state.kind === "idle" || state.kind === "loading")
    return (
      <Button size="sm" disabled={state.kind === "loading"} onClick={() => void load()}>
        Decode Kubernetes object
      </Button>
    );
  if (state.kind === "error")
    return <p className="font-sans text-xs text-rose-800">Could not decode: {state.message}</p>;
  if (!state.res.decoded)
    return <p className="font-sans text-xs text-slate-600">Not a Kubernetes value.</p>;
  return (
    <div className="font-sans">
      <DecodedValueView kv={state.res.kv} decoded={state.res.decoded} />
    </div>
  );
}
