// A minimal SSE consumer for benchmarks: stamps the arrival of each `change` revision.
import { readSse } from "../../scripts/lib/sse-client.mjs";

/**
 * Open `url` as an SSE stream (parsed by the shared client, scripts/lib/sse-client.mjs).
 * @param {string} url
 * @param {(revision: string, at: number) => void} onChange  called per `change` (at = performance.now() ms)
 * @returns {Promise<{ready: Promise<void>, close: () => void}>}  `ready` settles on `event: ready`
 * @throws Error when the gateway answers anything but 2xx with a body
 */
export async function openSse(url, onChange) {
  const abort = new AbortController();
  const res = await fetch(url, { signal: abort.signal, headers: { accept: "text/event-stream" } });
  if (!res.ok || !res.body) throw new Error(`SSE ${url}: HTTP ${res.status}`);
  /** @type {() => void} */
  let markReady = () => undefined;
  const ready = new Promise((r) => (markReady = () => r(undefined)));
  void readSse(res.body, (m) => {
    if (m.event === "change" && m.id) onChange(m.id, performance.now());
    else if (m.event === "ready") markReady();
  }).catch(() => undefined); // aborted
  return { ready, close: () => abort.abort() };
}
