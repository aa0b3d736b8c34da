import "server-only";
import type { ScanProgressEvent } from "@/lib/contract";
import { etcdToGatewayError } from "@/lib/etcd/etcd-errors";
import { scanRange, type ScanPage, type ScanRequest } from "@/lib/etcd/scan/scan";
import { GatewayError } from "@/lib/errors/gateway-error";
import { clientAddress } from "./security/client-address";
import { securityConfig } from "./security/config";
import { acquireStream } from "./security/stream-limits";
import { sseResponse, type SseWriter } from "./sse";

/** A `progress` event is sent at least this often (ms) while a scan runs. */
export const SCAN_PROGRESS_MS = 200;

/**
 * What a scan's SSE stream does with its pages: `page` handles one (sending `match` events or
 * counting) and returns false to stop the scan early; `done` gives the `done` event's data,
 * `last` being the final progress.
 */
export type ScanConsumer = {
  page: (page: ScanPage, sse: SseWriter) => boolean;
  done: (last: ScanProgressEvent) => unknown;
};

/**
 * Run a scan (lib/etcd/scan) as Server-Sent Events: `progress` `{scanned, total, revision}`
 * right after the first read and every {@link SCAN_PROGRESS_MS} after, the consumer's events,
 * then `done` — or `event: error` `{error: {code, message, details?}}` as in the watch protocol
 * when etcd fails mid-scan (e.g. 410 `revision_compacted`). The stream then ends.
 *
 * The first read happens before the response, so a compacted or future `revision`, a denied
 * range or etcd being down is a plain JSON error. The scan takes one of the client's SSE stream
 * slots (503 `too_many_streams` when none is left). When the client goes away (request abort,
 * stream cancel, or a client that stops reading) the scan's signal aborts: no etcd read starts
 * after that.
 */
export async function scanStream(
  req: Request,
  scan: Omit<ScanRequest, "signal">,
  consumer: ScanConsumer,
): Promise<Response> {
  const release = acquireStream(clientAddress(req), securityConfig());
  if (!release) throw new GatewayError("too_many_streams", "too many open streams; retry later");
  const abort = new AbortController();
  const onAbort = () => abort.abort();
  req.signal.addEventListener("abort", onAbort);
  const cleanup = () => {
    abort.abort();
    req.signal.removeEventListener("abort", onAbort);
    release();
  };
  const pages = scanRange({ ...scan, signal: abort.signal });
  let first: IteratorResult<ScanPage>;
  try {
    first = await pages.next();
  } catch (err) {
    cleanup();
    throw err;
  }
  return sseResponse(req, (sse) => {
    void run(sse, first, pages, consumer, abort.signal);
    return cleanup;
  });
}

async function run(
  sse: SseWriter,
  first: IteratorResult<ScanPage>,
  pages: AsyncGenerator<ScanPage>,
  consumer: ScanConsumer,
  signal: AbortSignal,
): Promise<void> {
  let progress: ScanProgressEvent | undefined;
  const sendProgress = () => progress && sse.send("progress", progress);
  const timer = setInterval(sendProgress, SCAN_PROGRESS_MS);
  try {
    let next = first;
    while (!next.done && !signal.aborted) {
      const page = next.value;
      progress = {
        scanned: String(page.scanned),
        total: String(page.total),
        revision: page.revision,
      };
      if (page === first.value) sendProgress();
      if (!consumer.page(page, sse)) break;
      next = await pages.next();
    }
    if (signal.aborted || !progress) return;
    sendProgress();
    sse.send("done", consumer.done(progress));
  } catch (err) {
    if (signal.aborted) return;
    const mapped = etcdToGatewayError(err) ?? internal(err);
    sse.send("error", {
      error: { code: mapped.code, message: mapped.message, details: mapped.details },
    });
  } finally {
    clearInterval(timer);
    await pages.return(undefined).catch(() => {});
    sse.close();
  }
}

function internal(err: unknown): GatewayError {
  console.error("[scan] internal error", err);
  return new GatewayError("internal", "internal error (logged on the server)");
}
