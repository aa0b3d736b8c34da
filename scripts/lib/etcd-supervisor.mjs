// Keep one local etcd running for `npm start`: when it dies without being asked to, start it
// again (same ports, same data dir) after a backoff, while the gateway keeps serving.

/**
 * @typedef {object} EtcdSupervisor
 * @property {Promise<import('./etcd-process.mjs').EtcdProcess>} ready  the first start, once
 *   etcd answers `/health`; rejects when that first start fails (nothing is retried then: a
 *   broken setup should stop `npm start`, not loop)
 * @property {() => import('./etcd-process.mjs').EtcdProcess | null} current  the process now
 *   running (or last run), null before the first start
 * @property {() => number} restarts  how many restarts succeeded so far
 * @property {() => Promise<void>} stop  stop supervising and stop etcd, also mid-start or during
 *   a backoff wait; resolves once no etcd of ours runs
 */

/**
 * Start etcd through `opts.start` and restart it whenever it exits on its own. The wait before a
 * restart starts at `initialDelayMs` and doubles after each failure (an exit, or a restart that
 * did not come up) up to `maxDelayMs`; a process that ran `stableAfterMs` before exiting resets
 * it, so a crash after hours of running restarts at once but a crash loop slows down.
 * @param {object} opts
 * @param {(onSpawn: (stop: () => Promise<void>) => void) => Promise<import('./etcd-process.mjs').EtcdProcess>} opts.start
 *   start etcd on the same ports and data dir each time and resolve once it is healthy; must
 *   call `onSpawn` with the stop function right after spawning (so stop() reaches a member
 *   still starting up)
 * @param {(line: string) => void} [opts.log]  progress lines (default console.error)
 * @param {(proc: import('./etcd-process.mjs').EtcdProcess) => void} [opts.onRestart]  after each
 *   successful restart
 * @param {number} [opts.initialDelayMs]  first wait, in ms (default 500)
 * @param {number} [opts.maxDelayMs]      longest wait, in ms (default 10000)
 * @param {number} [opts.stableAfterMs]   run time in ms after which an exit resets the wait
 *   (default 30000)
 * @returns {EtcdSupervisor}
 */
export function superviseEtcd(opts) {
  const log = opts.log ?? ((line) => console.error(line));
  const initial = opts.initialDelayMs ?? 500;
  const max = opts.maxDelayMs ?? 10_000;
  const stableAfter = opts.stableAfterMs ?? 30_000;
  let delay = initial;
  let stopping = false;
  let restarts = 0;
  /** @type {NodeJS.Timeout | null} */
  let timer = null;
  /** @type {import('./etcd-process.mjs').EtcdProcess | null} */
  let current = null;
  /** Stop function of the latest spawn: the running member, or one still starting. */
  /** @type {(() => Promise<void>) | null} */
  let stopLatest = null;
  /** A restart in progress (its start promise), so stop() can wait for it to settle. */
  /** @type {Promise<unknown> | null} */
  let starting = null;

  /** Start etcd once and watch it for an exit nobody asked for. */
  async function launch() {
    const proc = await opts.start((stop) => {
      stopLatest = stop;
      // stop() ran while this restart was between its timer and its spawn: end it at once.
      if (stopping) void stop();
    });
    current = proc;
    const startedAt = Date.now();
    onExit(proc, (how) => {
      if (stopping) return;
      const ranMs = Date.now() - startedAt;
      if (ranMs >= stableAfter) delay = initial;
      log(
        `[start] local etcd (pid ${proc.pid}) exited unexpectedly (${how}) after ` +
          `${(ranMs / 1000).toFixed(1)} s; the app stays up`,
      );
      schedule();
    });
    return proc;
  }

  /** Wait the current backoff, then try to start etcd again. */
  function schedule() {
    if (stopping) return;
    const wait = delay;
    delay = Math.min(delay * 2, max);
    log(`[start] local etcd restarting in ${(wait / 1000).toFixed(1)} s`);
    timer = setTimeout(() => {
      timer = null;
      if (stopping) return;
      starting = launch().then(
        (proc) => {
          restarts++;
          log(`[start] local etcd is back (pid ${proc.pid})`);
          opts.onRestart?.(proc);
        },
        (err) => {
          if (stopping) return;
          log(`[start] local etcd did not come back: ${err instanceof Error ? err.message : err}`);
          schedule();
        },
      );
      void starting.finally(() => (starting = null));
    }, wait);
  }

  const ready = launch();
  return {
    ready,
    current: () => current,
    restarts: () => restarts,
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await stopLatest?.();
      await starting;
      await stopLatest?.(); // a restart that spawned while we waited (stopped by onSpawn too)
      // A first start still in flight: its spawn registered stopLatest above, so it fails now.
      await ready.catch(() => undefined);
    },
  };
}

/**
 * Call `fn` once when the process exits (at once if it already has), with "code N" or
 * "signal SIG".
 * @param {import('./etcd-process.mjs').EtcdProcess} proc
 * @param {(how: string) => void} fn
 */
function onExit(proc, fn) {
  const { child } = proc;
  const how = () => (child.signalCode ? `signal ${child.signalCode}` : `code ${child.exitCode}`);
  if (child.exitCode !== null || child.signalCode !== null) fn(how());
  else child.once("exit", () => fn(how()));
}
