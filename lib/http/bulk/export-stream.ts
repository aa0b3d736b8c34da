import "server-only";

/** The export's media type: one JSON document per line. */
export const NDJSON_TYPE = "application/x-ndjson; charset=utf-8";

/**
 * An HTTP response streaming `lines` (NDJSON) as they are generated: pulled one chunk at a
 * time, so a slow client slows the etcd reads down instead of piling pages up in memory. A
 * client that goes away cancels the generator (no further reads). An etcd failure mid-way
 * errors the stream (the client sees a cut download without the last lines).
 */
export function ndjsonResponse(
  lines: AsyncGenerator<string>,
  headers: Record<string, string>,
): Response {
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const next = await lines.next();
          if (next.done) controller.close();
          else controller.enqueue(Buffer.from(next.value, "utf8"));
        } catch (err) {
          console.error("[gateway] export failed mid-way", err);
          controller.error(err);
        }
      },
      async cancel() {
        await lines.return(undefined);
      },
    },
    { highWaterMark: 1 },
  );
  return new Response(body, {
    headers: {
      "Content-Type": NDJSON_TYPE,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      ...headers,
    },
  });
}
