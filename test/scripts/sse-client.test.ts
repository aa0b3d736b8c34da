import { describe, expect, it } from "vitest";
import { readSse, sseInbox, type SseMessage } from "../../scripts/lib/sse-client.mjs";

/** A body that yields `chunks` as separate reads, then ends (or stays open with `open`). */
function body(chunks: (string | Uint8Array)[], open = false): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const c of chunks) controller.enqueue(typeof c === "string" ? enc(c) : c);
      if (!open) controller.close();
    },
  });
}
const enc = (s: string) => new TextEncoder().encode(s);

describe("the shared SSE client", () => {
  it("parses messages split across reads, in the middle of a character and a field", async () => {
    const got: SseMessage[] = [];
    const euro = enc("€"); // 3 bytes, split across two reads below
    const chunks = [
      'retry: 1000\n\nevent: ready\nid: 7\ndata: {"r":"é"}\n\n: keepalive\n\nda',
      'ta: {"v":"',
      euro.subarray(0, 1),
      euro.subarray(1),
      '"}\r\nid: 8\r\nevent: change\r\n\r\n',
    ];
    await readSse(body(chunks), (m) => got.push(m));
    expect(got).toEqual([
      { event: "ready", id: "7", data: '{"r":"é"}' },
      { event: "change", id: "8", data: '{"v":"€"}' },
    ]);
  });

  it("inbox: waiting for one kind keeps the messages it passes over, in order", async () => {
    const inbox = sseInbox(
      body(
        [
          "event: ready\ndata: 1\n\n",
          "event: progress\nid: 5\ndata: 2\n\n",
          "event: change\nid: 6\ndata: 3\n\n",
          "event: progress\nid: 6\ndata: 4\n\n",
        ],
        true,
      ),
      (d) => Number(d),
    );
    expect((await inbox.next((m) => m.event === "change")).data).toBe(3);
    expect((await inbox.next((m) => m.event === "ready")).data).toBe(1);
    expect(inbox.drain().map((m) => m.data)).toEqual([2, 4]);
    await expect(inbox.next(() => true, 50)).rejects.toThrow(/timed out/);
  });

  it("inbox: next() fails once the stream has ended with no match queued", async () => {
    const inbox = sseInbox(body(["event: ready\ndata: 1\n\n"]), (d) => d);
    await expect(inbox.next((m) => m.event === "change")).rejects.toThrow(/ended/);
    expect(inbox.isDone()).toBe(true);
    expect(
      inbox.drain().map((m) => m.event),
      "the passed-over message is still there",
    ).toEqual(["ready"]);
  });
});
