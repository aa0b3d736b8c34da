// An SSE consumer that records every `change` revision it is given and reconnects with
// Last-Event-ID when the stream ends, as a browser's EventSource would (the shared client's
// followSse); so the figures count what a real client would lose or see twice, reconnects
// included.
import { followSse } from "../../scripts/lib/sse-client.mjs";

/** The gateway's stream says `retry: 1000`: a browser waits that long before reconnecting. */
const RETRY_MS = 1000;

/**
 * Watch `url` until `close()`.
 * @param {string} url  GET /api/v1/watch?... on the gateway
 * @returns {{ready: Promise<void>, revisions: bigint[], reconnects: () => number, close: () => void}}
 *   `revisions`: every change id in arrival order (duplicates kept); `ready` settles on the first
 *   `event: ready`.
 */
export function openSseLog(url) {
  const revisions = /** @type {bigint[]} */ ([]);
  let reconnects = 0;
  const abort = new AbortController();
  /** @type {() => void} */
  let markReady = () => undefined;
  const ready = new Promise((r) => (markReady = () => r(undefined)));
  void followSse(url, {
    signal: abort.signal,
    retryMs: RETRY_MS,
    onReconnect: () => reconnects++,
    onMessage: (m) => {
      if (m.event === "change" && m.id) revisions.push(BigInt(m.id));
      else if (m.event === "ready") markReady();
    },
  });
  return {
    ready,
    revisions,
    reconnects: () => reconnects,
    close: () => abort.abort(),
  };
}
