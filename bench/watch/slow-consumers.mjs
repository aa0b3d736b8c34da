// Case (d) of `npm run bench:watch`: clients that stop reading must not grow the gateway's
// memory. SSE clients that pause their socket after `ready`, one client that keeps reading, and
// steady puts of 1 KiB values; prints gateway RSS (before, peak, after), what became of each
// paused client, and whether the reading client got every revision exactly once.
import fs from "node:fs";
import http from "node:http";
import { sseParser } from "../../scripts/lib/sse-client.mjs";
import { groupStats } from "./proc-stats.mjs";

/**
 * One SSE client on a raw HTTP response that records every `change` id it parses (with the
 * shared client's parser) and can stop and resume reading its socket.
 * @param {string} url
 * @param {Record<string, string>} [headers]  e.g. `last-event-id`
 * @returns {Promise<{ready: Promise<void>, ids: string[], ended: Promise<string>, pause: () => void,
 *   resume: () => void, close: () => void}>}  `ended` settles with how the response ended
 */
export function openRecorder(url, headers = {}) {
  return new Promise((resolve, reject) => {
    /** @type {string[]} */
    const ids = [];
    /** @type {() => void} */
    let markReady = () => undefined;
    const ready = new Promise((r) => (markReady = () => r(undefined)));
    /** @type {(how: string) => void} */
    let markEnded = () => undefined;
    const ended = new Promise((r) => (markEnded = r));
    const req = http.get(
      url,
      { agent: false, headers: { accept: "text/event-stream", ...headers } },
      (res) => {
        if (res.statusCode !== 200) return reject(new Error(`SSE ${url}: HTTP ${res.statusCode}`));
        res.on(
          "data",
          sseParser((m) => {
            if (m.event === "change" && m.id) ids.push(m.id);
            else if (m.event === "ready") markReady();
          }),
        );
        res.on("end", () => markEnded("ended by the gateway"));
        res.on("aborted", () => markEnded("reset by the gateway"));
        res.on("error", () => markEnded("reset by the gateway"));
        res.on("close", () => markEnded("closed"));
        resolve({
          ready,
          ids,
          ended,
          pause: () => res.pause(),
          resume: () => res.resume(),
          close: () => req.destroy(),
        });
      },
    );
    req.on("error", (err) => (req.destroyed ? markEnded("closed") : reject(err)));
  });
}

/** Revisions in `acks` the client missed, and ids it got more than once. */
function exactness(/** @type {string[]} */ ids, /** @type {Set<string>} */ acks) {
  const seen = new Set(ids);
  const lost = [...acks].filter((r) => !seen.has(r)).length;
  return { lost, dup: ids.length - seen.size };
}

const MiB = 2 ** 20;

/**
 * Run the case against a started gateway.
 * @param {object} o
 * @param {string} o.watchUrl        the SSE URL to open (one prefix)
 * @param {string} o.prefix          where the puts go (watched by watchUrl)
 * @param {import("etcd3").Etcd3} o.client
 * @param {number} o.gatewayPid      process group of `next start`
 * @param {string} o.logFile         the gateway's log (drops are counted from it)
 * @param {(client: any, prefix: string, seconds: number, perSecond?: number, value?: string)
 *   => Promise<Map<string, number>>} o.putSteady
 * @param {number} o.clients         paused clients
 * @param {number} o.seconds         how long to write
 * @returns {Promise<string[]>}  one table row
 */
export async function slowConsumers(o) {
  const paused = [];
  for (let i = 0; i < o.clients; i++) paused.push(await openRecorder(o.watchUrl));
  const reader = await openRecorder(o.watchUrl);
  await Promise.all([...paused, reader].map((c) => c.ready));
  paused.forEach((c) => c.pause());
  await new Promise((r) => setTimeout(r, 2_000)); // settle before the baseline
  const before = groupStats(o.gatewayPid).rssBytes;
  let peak = before;
  const sampler = setInterval(
    () => (peak = Math.max(peak, groupStats(o.gatewayPid).rssBytes)),
    250,
  );
  const acks = await o.putSteady(o.client, o.prefix, o.seconds, 1000, "v".repeat(1024));
  const revisions = new Set(acks.keys());
  const last = [...revisions].at(-1);
  const until = async (/** @type {() => boolean} */ cond, /** @type {number} */ ms) => {
    const end = Date.now() + ms;
    while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  };
  await until(() => reader.ids.at(-1) === last, 20_000);
  clearInterval(sampler);
  const after = groupStats(o.gatewayPid).rssBytes;
  const readerExact = exactness(reader.ids, revisions);

  // The paused clients read again: each either finds its stream dropped (and resumes with
  // Last-Event-ID, as a browser would) or catches up on the one it had.
  const fates = await Promise.all(
    paused.map(async (c) => {
      c.resume();
      const how = await Promise.race([
        c.ended,
        until(() => c.ids.at(-1) === last, 20_000).then(() => "kept"),
      ]);
      const before = c.ids.length;
      let resumedExact = exactness(c.ids, revisions);
      if (how !== "kept") {
        const again = await openRecorder(o.watchUrl, { "last-event-id": c.ids.at(-1) ?? "0" });
        await until(() => again.ids.at(-1) === last, 20_000);
        again.close();
        resumedExact = exactness([...c.ids, ...again.ids], revisions);
      }
      c.close();
      return { how, before, ...resumedExact };
    }),
  );
  reader.close();
  const log = fs.readFileSync(o.logFile, "utf8").split("\n");
  const dropsLogged = log.filter((l) => l.includes("[sse] dropping")).length;
  const errorsLogged = log.filter((l) => /error|failed/i.test(l)).length;
  const dropped = fates.filter((f) => f.how !== "kept");
  const resumeLost = fates.reduce((n, f) => n + f.lost, 0);
  const resumeDup = fates.reduce((n, f) => n + f.dup, 0);
  return [
    `(d) ${o.clients} paused SSE clients + 1 reading, ${acks.size} puts of 1 KiB (${o.seconds} s at 1k/s)`,
    `gateway RSS before ${(before / MiB).toFixed(0)} MiB, peak ${(peak / MiB).toFixed(0)} MiB, after ${(after / MiB).toFixed(0)} MiB: growth ${((peak - before) / MiB).toFixed(0)} MiB; ` +
      `paused clients dropped ${dropped.length}/${o.clients} (${dropsLogged} drops and ${errorsLogged} errors logged; changes received on the first connection: ${fates.map((f) => f.before).join(", ")}); ` +
      `after resuming with Last-Event-ID: lost ${resumeLost}, dup ${resumeDup}`,
    "",
    "RSS growth ≤ 150 MiB; reader gets all",
    `reader ${reader.ids.length}/${acks.size} (lost ${readerExact.lost}, dup ${readerExact.dup})`,
  ];
}
