// Worker thread for the fan-out case: holds `count` SSE clients on `url`, posts "ready" once all
// are connected, and on "report" posts how many change messages each one got.
import { parentPort, workerData } from "node:worker_threads";
import { openCounter } from "./sse-counter.mjs";

const { url, count } = workerData;
const clients = [];
for (let i = 0; i < count; i++) clients.push(await openCounter(url));
await Promise.all(clients.map((c) => c.ready));
parentPort.postMessage({ type: "ready" });
parentPort.on("message", (msg) => {
  if (msg === "report")
    parentPort.postMessage({ type: "counts", counts: clients.map((c) => c.count()) });
  if (msg === "close") {
    clients.forEach((c) => c.close());
    process.exit(0);
  }
});
