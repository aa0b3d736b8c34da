// The leanest SSE consumer for the fan-out case: counts `change` messages on a raw HTTP
// response without decoding text, so 200 of them in a few threads measure the gateway rather
// than the harness.
import http from "node:http";

const MARK = Buffer.from("event: change\n");

/**
 * Open `url` and count `change` messages.
 * @param {string} url
 * @returns {Promise<{ready: Promise<void>, count: () => number, close: () => void}>}
 */
export function openCounter(url) {
  return new Promise((resolve, reject) => {
    let count = 0;
    let tail = Buffer.alloc(0);
    /** @type {() => void} */
    let markReady = () => undefined;
    const ready = new Promise((r) => (markReady = () => r(undefined)));
    const req = http.get(url, { agent: false, headers: { accept: "text/event-stream" } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`SSE ${url}: HTTP ${res.statusCode}`));
      res.on("data", (/** @type {Buffer} */ chunk) => {
        const buf = tail.length ? Buffer.concat([tail, chunk]) : chunk;
        if (buf.includes("event: ready")) markReady();
        for (let at = buf.indexOf(MARK); at >= 0; at = buf.indexOf(MARK, at + MARK.length)) count++;
        tail = buf.subarray(Math.max(0, buf.length - MARK.length + 1));
      });
      res.on("error", () => undefined);
      resolve({ ready, count: () => count, close: () => req.destroy() });
    });
    req.on("error", (err) => (req.destroyed ? undefined : reject(err)));
  });
}
