// An SSE consumer that records every `change` revision it is given and reconnects with
// Last-Event-ID when the stream ends, as a browser's EventSource would; so the figures count what
// a real client would lose or see twice, reconnects included.

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
  let lastId = /** @type {string | undefined} */ (undefined);
  let abort = new AbortController();
  let closed = false;
  /** @type {() => void} */
  let markReady = () => undefined;
  const ready = new Promise((r) => (markReady = () => r(undefined)));

  const run = async () => {
    while (!closed) {
      try {
        const headers = /** @type {Record<string, string>} */ ({ accept: "text/event-stream" });
        if (lastId) headers["last-event-id"] = lastId;
        const res = await fetch(url, { signal: abort.signal, headers });
        if (res.ok && res.body) await consume(res.body);
      } catch {
        // dropped: reconnect below
      }
      if (closed) return;
      reconnects++;
      await new Promise((r) => setTimeout(r, 1000)); // the stream's `retry: 1000`
    }
  };

  const consume = async (body) => {
    const decoder = new TextDecoder();
    let buf = "";
    for await (const chunk of body) {
      buf += decoder.decode(chunk, { stream: true });
      let at;
      while ((at = buf.indexOf("\n\n")) >= 0) {
        const frame = buf.slice(0, at);
        buf = buf.slice(at + 2);
        const id = /(?:^|\n)id: (\d+)/.exec(frame)?.[1];
        if (id) lastId = id;
        if (frame.startsWith("event: change") && id) revisions.push(BigInt(id));
        else if (frame.startsWith("event: ready")) markReady();
      }
    }
  };

  void run();
  return {
    ready,
    revisions,
    reconnects: () => reconnects,
    close: () => {
      closed = true;
      abort.abort();
      abort = new AbortController();
    },
  };
}
