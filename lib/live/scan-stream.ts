import { createParser } from "eventsource-parser";
import { apiErrorBodySchema } from "@/lib/contract";
import { ApiError, NETWORK_ERROR } from "@/lib/query/api-error";

/**
 * Read one scan stream (`GET /api/v1/search` or `/stats`, Server-Sent Events) to its end with
 * fetch, not EventSource: a refused request (400 naming `q`, 403, 503) arrives as its JSON error
 * body, and an abort ends the request at once, which is what stops the gateway's etcd reads.
 * @param url      the route with its query (`/api/v1/search?…`)
 * @param onEvent  called once per message with its `event:` name and parsed JSON `data`
 * @param signal   aborting it cancels the scan (the promise then rejects with an AbortError)
 * @throws ApiError for a non-2xx answer, for an `event: error` message (the scan ended early)
 *   and with code `network_error` when the gateway could not be reached or dropped the stream
 */
export async function readScanStream(
  url: string,
  onEvent: (event: string, data: unknown) => void,
  signal: AbortSignal,
): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, { signal, cache: "no-store", headers: { accept: "text/event-stream" } });
  } catch (e) {
    if (signal.aborted) throw e;
    throw new ApiError(NETWORK_ERROR, 0, "The etcd Explorer server could not be reached.");
  }
  if (!res.ok || !res.body) throw await errorOf(res);
  let failure: ApiError | null = null;
  const parser = createParser({
    onEvent: (m) => {
      if (failure) return;
      const data: unknown = JSON.parse(m.data);
      if (m.event === "error") {
        const body = apiErrorBodySchema.safeParse(data);
        failure = body.success
          ? new ApiError(
              body.data.error.code,
              200,
              body.data.error.message,
              body.data.error.details,
            )
          : new ApiError("internal", 200, "The scan failed.");
        return;
      }
      onEvent(m.event ?? "message", data);
    },
  });
  const decoder = new TextDecoder();
  const reader = res.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.feed(decoder.decode(value, { stream: true }));
      if (failure) break;
    }
  } catch (e) {
    if (signal.aborted) throw e;
    throw new ApiError(NETWORK_ERROR, 0, "The scan stream was cut off.");
  } finally {
    reader.releaseLock();
  }
  if (failure) {
    await res.body.cancel().catch(() => {});
    throw failure;
  }
}

async function errorOf(res: Response): Promise<ApiError> {
  const json: unknown = await res.json().catch(() => undefined);
  const body = apiErrorBodySchema.safeParse(json);
  return body.success
    ? new ApiError(
        body.data.error.code,
        res.status,
        body.data.error.message,
        body.data.error.details,
      )
    : new ApiError("internal", res.status, `HTTP ${res.status}`);
}
