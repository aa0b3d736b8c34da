import "server-only";

/** Something is written at least this often (ms) so proxies and browsers keep the stream. */
export const SSE_KEEPALIVE_MS = 15_000;

/** Headers of every SSE response (no-transform keeps compression from buffering it). */
export const SSE_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-cache, no-transform",
  "X-Accel-Buffering": "no",
  Connection: "keep-alive",
} as const;

/** Writes SSE frames into a stream; every method is a no-op once the stream is closed. */
export type SseWriter = {
  /** One message: `event`, optional `id`, `data` as JSON on one line. */
  send: (event: string, data: unknown, id?: string) => void;
  /** A message already framed by {@link sseFrame} (shared by many streams: encode once). */
  sendFrame: (frame: Uint8Array) => void;
  /** Write a comment line (`: text`). */
  comment: (text: string) => void;
  /** End the response. */
  close: () => void;
};

/**
 * A streaming SSE `Response`. `start` runs once with a writer and returns its cleanup, which
 * runs exactly once when the client goes away (request abort or stream cancel) or on close().
 * Opens with `retry: 1000` and writes a keepalive comment when nothing else was written for
 * {@link SSE_KEEPALIVE_MS}.
 */
export function sseResponse(req: Request, start: (sse: SseWriter) => () => void): Response {
  const encoder = new TextEncoder();
  let cleanup: (() => void) | undefined;
  let closed = false;
  let lastWrite = Date.now();
  let ctrl!: ReadableStreamDefaultController<Uint8Array>;
  let keepalive: NodeJS.Timeout | undefined;

  // Frames written in one tick go out as one chunk: under a burst of revisions the socket sees
  // a few large writes instead of thousands of small ones.
  let pending: Uint8Array[] = [];
  const flush = () => {
    const frames = pending;
    pending = [];
    if (closed || frames.length === 0) return;
    try {
      ctrl.enqueue(frames.length === 1 ? frames[0] : Buffer.concat(frames));
    } catch {
      finish();
    }
  };
  const write = (text: string | Uint8Array) => {
    if (closed) return;
    if (pending.length === 0) setImmediate(flush);
    pending.push(typeof text === "string" ? encoder.encode(text) : text);
    lastWrite = Date.now();
  };
  const finish = () => {
    if (closed) return;
    closed = true;
    clearInterval(keepalive);
    req.signal.removeEventListener("abort", finish);
    try {
      cleanup?.();
    } catch (err) {
      console.error("[sse] cleanup threw", err);
    }
    try {
      const frames = pending;
      pending = [];
      if (frames.length) ctrl.enqueue(Buffer.concat(frames));
      ctrl.close();
    } catch {
      // already closed or cancelled
    }
  };
  const writer: SseWriter = {
    send: (event, data, id) => write(sseFrame(event, data, id)),
    sendFrame: write,
    comment: (text) => write(`: ${text}\n\n`),
    close: finish,
  };

  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      ctrl = controller;
      write("retry: 1000\n\n");
      req.signal.addEventListener("abort", finish);
      keepalive = setInterval(() => {
        if (Date.now() - lastWrite >= SSE_KEEPALIVE_MS - 1_000) writer.comment("keepalive");
      }, 1_000);
      keepalive.unref?.();
      cleanup = start(writer);
      if (closed) cleanup();
    },
    cancel: finish,
  });
  return new Response(body, { headers: SSE_HEADERS });
}

const frameEncoder = new TextEncoder();

/** One SSE message as bytes: `event`, optional `id`, `data` as one line of JSON. */
export function sseFrame(event: string, data: unknown, id?: string): Uint8Array {
  const idLine = id !== undefined ? `id: ${id}\n` : "";
  return frameEncoder.encode(`event: ${event}\n${idLine}data: ${JSON.stringify(data)}\n\n`);
}
