// The SSE consumer of the fan-out case: counts `change` messages on a raw node:http response
// (no fetch, no JSON), parsed by the shared client, so 200 of them in a few threads measure the
// gateway rather than the harness.
import http from "node:http";
import { sseParser } from "../../scripts/lib/sse-client.mjs";

/**
 * Open `url` and count `change` messages.
 * @param {string} url
 * @returns {Promise<{ready: Promise<void>, count: () => number, close: () => void}>}
 */
export function openCounter(url) {
  return new Promise((resolve, reject) => {
    let count = 0;
    /** @type {() => void} */
    let markReady = () => undefined;
    const ready = new Promise((r) => (markReady = () => r(undefined)));
    const feed = sseParser((m) => {
      if (m.event === "change") count++;
      else if (m.event === "ready") markReady();
    });
    const req = http.get(url, { agent: false, headers: { accept: "text/event-stream" } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`SSE ${url}: HTTP ${res.statusCode}`));
      res.on("data", feed);
      res.on("error", () => undefined);
      resolve({ ready, count: () => count, close: () => req.destroy() });
    });
    req.on("error", (err) => (req.destroyed ? undefined : reject(err)));
  });
}
