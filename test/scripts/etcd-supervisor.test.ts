import { Etcd3 } from "etcd3";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, startEtcd, type EtcdProcess } from "../../scripts/lib/etcd-process.mjs";
import { superviseEtcd } from "../../scripts/lib/etcd-supervisor.mjs";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "etcd-supervisor-"));
const dataDir = path.join(dir, "etcd");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Poll `check` every 50 ms until it holds; fails after `ms`. */
async function until(what: string, check: () => boolean, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** PIDs of running etcd processes on this test's data dir (from /proc). */
function etcdPidsOnDataDir(): number[] {
  return fs
    .readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        const cmd = fs.readFileSync(`/proc/${d}/cmdline`, "utf8");
        return cmd.includes("etcd") && cmd.includes(dataDir);
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** Wait for a process to exit (SIGKILL lands asynchronously). */
function exited(proc: EtcdProcess): Promise<void> {
  if (proc.child.exitCode !== null || proc.child.signalCode !== null) return Promise.resolve();
  return new Promise((r) => proc.child.once("exit", () => r()));
}

describe("etcd supervisor (npm start's local etcd)", () => {
  it("restarts a killed etcd on the same ports with its data, backs off, and stops mid-wait", async () => {
    const member = { name: "sup", clientPort: await freePort(), peerPort: await freePort() };
    const lines: string[] = [];
    const supervisor = superviseEtcd({
      start: (onSpawn) =>
        startEtcd({
          dataDir,
          member,
          readyTimeoutMs: 10_000,
          onSpawn: (p: EtcdProcess) => onSpawn(() => p.stop()),
        }),
      log: (line) => lines.push(line),
      initialDelayMs: 200,
      maxDelayMs: 800,
      stableAfterMs: 3_000,
    });
    const waits = () => lines.flatMap((l) => /restarting in ([\d.]+) s/.exec(l)?.[1] ?? []);
    const first = await supervisor.ready;
    const client = new Etcd3({ hosts: first.endpoint });
    let blocker: net.Server | null = null;
    try {
      await client.put("/kept").value("across restarts");

      // 1. A crash right after starting: restarted after the first wait, same URL, same data.
      process.kill(first.pid, "SIGKILL");
      await until("the first restart", () => supervisor.restarts() === 1);
      const second = supervisor.current()!;
      expect(second.pid).not.toBe(first.pid);
      expect(second.endpoint).toBe(first.endpoint);
      expect(await client.get("/kept").string()).toBe("across restarts");
      expect(lines.join("\n")).toMatch(/exited unexpectedly \(signal SIGKILL\)/);

      // 2. A crash after running stably: the wait is back at its start.
      await sleep(3_500);
      process.kill(second.pid, "SIGKILL");
      await until("the second restart", () => supervisor.restarts() === 2);

      // 3. A crash right after, and the ports are taken: restarts fail and the wait doubles
      // up to the cap, without giving up.
      const third = supervisor.current()!;
      process.kill(third.pid, "SIGKILL");
      await exited(third);
      blocker = net.createServer();
      await new Promise<void>((r) => blocker!.listen(member.clientPort, "127.0.0.1", r));
      await until("two more waits", () => waits().length >= 5);
      expect(waits()).toEqual(["0.2", "0.2", "0.4", "0.8", "0.8"]);
      expect(lines.join("\n")).toMatch(/did not come back/);

      // 4. Stop during a backoff wait: quick, no etcd left, no further restart.
      const stopAt = Date.now();
      await supervisor.stop();
      expect(Date.now() - stopAt).toBeLessThan(10_000);
      expect(etcdPidsOnDataDir()).toEqual([]);
      const count = lines.length;
      await sleep(1_500);
      expect(lines.slice(count), "nothing is restarted after stop()").toEqual([]);
      expect(supervisor.restarts()).toBe(2);
    } finally {
      client.close();
      blocker?.close();
      await supervisor.stop();
    }
  }, 90_000);
});
