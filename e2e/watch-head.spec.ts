import { readSse } from "../scripts/lib/sse-client.mjs";
import { BASE_URL, expect, test } from "./fixtures";

// Next answers HEAD by calling GET when a route exports no HEAD, and never reads that body: each
// HEAD held a watch stream slot and an etcd watcher until restart, so 33 HEADs from one address
// (no CORS preflight needed) locked that address out of watching. Only a GET may open a stream.
test("HEAD on the watch route opens no stream: a GET after 40 HEADs still streams", async ({
  request,
  prefix,
}) => {
  const url = `/api/v1/watch?prefix=${encodeURIComponent(prefix)}`;
  for (let i = 0; i < 40; i++) {
    const res = await request.head(url);
    expect(res.status(), `HEAD #${i + 1} answers like a GET would`).toBe(200);
    expect(res.headers()["content-type"]).toMatch(/^text\/event-stream/);
  }
  const bad = await request.head(`/api/v1/watch?prefix=/&fromRevision=x`);
  expect(bad.status(), "HEAD checks its input like GET").toBe(400);

  const abort = new AbortController();
  const res = await fetch(`${BASE_URL}${url}`, { signal: abort.signal });
  try {
    expect(res.status, "the address still gets a watch stream (not 503 too_many_streams)").toBe(
      200,
    );
    const first = await new Promise<string>((resolve) => {
      readSse(res.body!, (m) => resolve(m.event)).then(
        () => resolve("(the stream ended)"),
        () => resolve("(the stream failed)"),
      );
    });
    expect(first, "the stream starts with ready").toBe("ready");
  } finally {
    abort.abort();
  }
});
