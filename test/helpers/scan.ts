import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { inject } from "vitest";
import { readSse } from "../../scripts/lib/sse-client.mjs";

type Handler = (req: Request) => Promise<Response>;

/** Every message of an SSE answer, read to its end; `status` and `json` when it was not SSE. */
export async function sseAll(handler: Handler, url: string, signal?: AbortSignal) {
  const res = await handler(new Request(`http://127.0.0.1${url}`, { signal }));
  if (!(res.headers.get("content-type") ?? "").startsWith("text/event-stream")) {
    return { status: res.status, json: await res.json(), events: [] as Ev[] };
  }
  const events: Ev[] = [];
  await readSse(res.body!, (m) => events.push({ event: m.event, data: JSON.parse(m.data) }));
  return { status: res.status, json: null, events };
}
/** One SSE message with its JSON data. */
export type Ev = { event: string; data: any };

/** The events named `name`, their data. */
export const ofType = (events: Ev[], name: string) =>
  events.filter((e) => e.event === name).map((e) => e.data);

/** Every key (as bytes) under `prefix`, as etcdctl lists it (`get --prefix --keys-only -w json`). */
export async function etcdctlKeys(prefix: Buffer): Promise<Buffer[]> {
  const { stdout } = await promisify(execFile)(
    "etcdctl",
    [
      "--endpoints",
      inject("etcdEndpoint"),
      "get",
      "--prefix",
      "--keys-only",
      "-w",
      "json",
      "--",
      prefix.toString("utf8"),
    ],
    { maxBuffer: 256 * 1024 * 1024, encoding: "utf8", env: { ...process.env, ETCDCTL_API: "3" } },
  );
  const kvs = (JSON.parse(stdout).kvs ?? []) as { key: string }[];
  return kvs.map((kv) => Buffer.from(kv.key, "base64"));
}

/** A key from an event: its bytes. */
export const keyBytes = (e: { key: string; keyEncoding: string }) =>
  Buffer.from(e.key, e.keyEncoding === "base64" ? "base64" : "utf8");

/** etcd's own count of Range RPCs it served (Prometheus `grpc_server_handled_total`, Range). */
export async function rangeCount(): Promise<number> {
  const text = await (await fetch(`${inject("etcdEndpoint")}/metrics`)).text();
  let n = 0;
  for (const line of text.split("\n")) {
    if (line.startsWith("grpc_server_handled_total{") && line.includes('grpc_method="Range"')) {
      n += Number(line.split(" ").pop());
    }
  }
  return n;
}
