// A minimal SSE consumer for benchmarks: counts `change` revisions and stamps their arrival.

/**
 * Open `url` as an SSE stream.
 * @param {string} url
 * @param {(revision: string, at: number) => void} onChange  called per `change` (at = performance.now() ms)
 * @returns {Promise<{ready: Promise<void>, close: () => void}>}  `ready` settles on `event: ready`
 */
export async function openSse(url, onChange) {
  const abort = new AbortController();
  const res = await fetch(url, { signal: abort.signal, headers: { accept: "text/event-stream" } });
  if (!res.ok || !res.body) throw new Error(`SSE ${url}: HTTP ${res.status}`);
  /** @type {() => void} */
  let markReady = () => undefined;
  const ready = new Promise((r) => (markReady = () => r(undefined)));
  void (async () => {
    const decoder = new TextDecoder();
    let buf = "";
    try {
      for await (const chunk of res.body) {
        buf += decoder.decode(chunk, { stream: true });
        let at;
        while ((at = buf.indexOf("\n\n")) >= 0) {
          const frame = buf.slice(0, at);
          buf = buf.slice(at + 2);
          if (frame.startsWith("event: change"))
            onChange(/\nid: (\d+)/.exec(frame)[1], performance.now());
          else if (frame.startsWith("event: ready")) markReady();
        }
      }
    } catch {
      // aborted
    }
  })();
  return { ready, close: () => abort.abort() };
}
