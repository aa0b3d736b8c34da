import { sseInbox, type DecodedSseMessage } from "../../scripts/lib/sse-client.mjs";

/** One parsed Server-Sent Events message; `data` is the message's JSON, parsed. */
export type SseMessage = DecodedSseMessage<any>;

type Handler = (req: Request) => Promise<Response>;

/**
 * Call an SSE route handler with a real Request (GET `url` with `headers`) and read its stream
 * with the shared client (scripts/lib/sse-client.mjs).
 * `next(pred, ms)` takes the first message matching `pred`, waiting up to `ms` (default 10 s);
 * messages it passes over stay queued for later calls and for `drain()`. `close()` aborts the
 * request; `isDone()` says the stream has ended.
 */
export async function openSse(handler: Handler, url: string, headers: Record<string, string> = {}) {
  const abort = new AbortController();
  const res = await handler(
    new Request(`http://127.0.0.1${url}`, { headers, signal: abort.signal }),
  );
  const inbox = sseInbox<any>(res.body!, (data) => JSON.parse(data));
  return {
    status: res.status,
    headers: res.headers,
    next: inbox.next,
    drain: inbox.drain,
    close: () => abort.abort(),
    isDone: inbox.isDone,
  };
}
