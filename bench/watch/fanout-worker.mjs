// Worker thread for the fan-out case: holds `count` SSE clients on `url`, posts "ready" once all
// are connected, and on "report" posts how many change messages each one got.
import { parentPort, workerData } from "node:worker_threads";
import { openSse } from "./sse-client.mjs";

const { url, count } = workerData;
const counts = Array(count).fill(0);
const clients = [];
for (let i = 0; i < count; i++) clients.push(await openSse(url, () => counts[i]++));
await Promise.all(clients.map((c) => c.ready));
parentPort.postMessage({ type: "ready" });
parentPort.on("message", (msg) => {
  if (msg === "report") parentPort.postMessage({ type: "counts", counts });
  if (msg === "close") {
    clients.forEach((c) => c.close());
    process.exit(0);
  }
});
