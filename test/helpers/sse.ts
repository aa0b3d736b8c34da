/** One parsed Server-Sent Events message. */
export type SseMessage = { event: string; id?: string; data: any };

type Handler = (req: Request) => Promise<Response>;

/**
 * Open an SSE route handler with a real Request and parse its stream.
 * `next(pred, ms)` waits for the next message matching `pred`; `close()` aborts the request.
 */
export async function openSse(handler: Handler, url: string, headers: Record<string, string> = {}) {
  const abort = new AbortController();
  const res = await handler(
    new Request(`http://127.0.0.1${url}`, { headers, signal: abort.signal }),
  );
  const queue: SseMessage[] = [];
  const waiters: (() => void)[] = [];
  let done = false;
  void (async () => {
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buf = "";
    try {
      for (;;) {
        const { value, done: end } = await reader.read();
        if (end) break;
        buf += decoder.decode(value, { stream: true });
        let at: number;
        while ((at = buf.indexOf("\n\n")) >= 0) {
          const frame = buf.slice(0, at);
          buf = buf.slice(at + 2);
          const msg = parseFrame(frame);
          if (msg) queue.push(msg);
        }
        waiters.splice(0).forEach((w) => w());
      }
    } catch {
      // aborted
    }
    done = true;
    waiters.splice(0).forEach((w) => w());
  })();

  async function next(
    pred: (m: SseMessage) => boolean = () => true,
    ms = 10_000,
  ): Promise<SseMessage> {
    const deadline = Date.now() + ms;
    for (;;) {
      const i = queue.findIndex(pred);
      if (i >= 0) return queue.splice(i, 1)[0];
      queue.length = 0;
      if (done) throw new Error("SSE stream ended");
      const left = deadline - Date.now();
      if (left <= 0) throw new Error("timed out waiting for an SSE message");
      await new Promise<void>((r) => {
        waiters.push(r);
        setTimeout(r, left);
      });
    }
  }
  /** Messages received so far and not yet taken by next(). */
  const drain = () => queue.splice(0);
  return {
    status: res.status,
    headers: res.headers,
    next,
    drain,
    close: () => abort.abort(),
    isDone: () => done,
  };
}

function parseFrame(frame: string): SseMessage | null {
  let event = "message";
  let id: string | undefined;
  const data: string[] = [];
  for (const line of frame.split("\n")) {
    if (line.startsWith(":") || line.startsWith("retry:")) continue;
    const [field, ...rest] = line.split(":");
    const value = rest.join(":").replace(/^ /, "");
    if (field === "event") event = value;
    else if (field === "id") id = value;
    else if (field === "data") data.push(value);
  }
  if (data.length === 0) return null;
  return { event, id, data: JSON.parse(data.join("\n")) };
}
