// `npm start` (scripts/start.mjs) as a user runs it, against the production build in .next:
// no browser page, just the process, its local etcd and the gateway's HTTP API.
import { expect, test } from "@playwright/test";
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, portInUse } from "../scripts/lib/etcd-process.mjs";
import { ROOT } from "./servers";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Whether a process with this PID exists and is not a zombie. */
function alive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}

/** Every process below `pid` (children, their children, …), from /proc/<n>/stat's ppid. */
function descendants(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const d of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parentOf.set(Number(d), ppid);
    } catch {
      // exited while we looked
    }
  }
  const out: number[] = [];
  const queue = [pid];
  while (queue.length) {
    const p = queue.shift()!;
    for (const [child, parent] of parentOf) {
      if (parent === p) {
        out.push(child);
        queue.push(child);
      }
    }
  }
  return out;
}

/** Poll `check` every 100 ms until it returns true; false after `ms`. */
async function waitFor(check: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await sleep(100);
  }
  return false;
}

test("npm start keeps the app up when its local etcd is killed, restarts it, and Ctrl-C stops both", async () => {
  test.setTimeout(180_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "etcd-explorer-start-"));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOST: "127.0.0.1",
    PORT: String(port),
    ETCD_EXPLORER_DATA_DIR: dataDir,
    // The e2e run built .next just before; a source edited since must not trigger a rebuild.
    ETCD_EXPLORER_SKIP_BUILD: "1",
  };
  // Without endpoints start.mjs runs (and supervises) its own etcd: the case under test.
  delete env.ETCD_ENDPOINTS;
  delete env.ETCDCTL_ENDPOINTS;
  let output = "";
  const start: ChildProcess = spawn(process.execPath, ["scripts/start.mjs"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  start.stdout!.on("data", (b) => (output += b));
  start.stderr!.on("data", (b) => (output += b));
  const exited = new Promise<number | null>((r) => start.once("exit", (code) => r(code)));
  const startPid = start.pid!;
  let family: number[] = [];
  try {
    const up = await waitFor(() => output.includes("etcd Explorer is running at"), 120_000);
    expect(up, `npm start came up; its output:\n${output}`).toBe(true);
    const etcdPid = Number(fs.readFileSync(path.join(dataDir, "etcd.pid"), "utf8"));
    expect(alive(etcdPid), "the local etcd named in etcd.pid runs").toBe(true);

    const key = `/start-supervision/${Date.now().toString(36)}`;
    const put = await fetch(`${base}/api/v1/kv`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ key, value: "survives a crash" }),
    });
    expect(put.status, "a key is written through the app").toBe(200);

    process.kill(etcdPid, "SIGKILL");
    expect(await waitFor(() => !alive(etcdPid), 10_000), "the etcd is dead").toBe(true);

    // The supervisor waits 0.5 s before restarting, so the first polls see etcd down.
    const downMessages: string[] = [];
    const recovered = await waitFor(async () => {
      const res = await fetch(`${base}/api/v1/health`, { signal: AbortSignal.timeout(10_000) });
      if (res.status === 200) return true;
      downMessages.push(`${res.status} ${(await res.json()).error?.message}`);
      return false;
    }, 60_000);
    expect(recovered, `health is 200 again; output:\n${output}`).toBe(true);
    expect(start.exitCode, "npm start is still running").toBeNull();
    expect(alive(startPid)).toBe(true);
    expect(downMessages.length, "health answered 503 while etcd was down").toBeGreaterThan(0);
    expect(downMessages[0], "the gateway says the local etcd is restarting").toMatch(
      /^503 local etcd restarting/,
    );
    expect(output, "the console says so too").toMatch(
      /exited unexpectedly \(signal SIGKILL\)[\s\S]*local etcd restarting in 0\.5 s/,
    );

    const newPid = Number(fs.readFileSync(path.join(dataDir, "etcd.pid"), "utf8"));
    expect(newPid, "a new etcd process").not.toBe(etcdPid);
    expect(alive(newPid)).toBe(true);
    const read = await fetch(`${base}/api/v1/kv?key=${encodeURIComponent(key)}`);
    expect(read.status).toBe(200);
    expect((await read.json()).kv.value, "the same data dir: the key is still there").toBe(
      "survives a crash",
    );

    family = descendants(startPid);
    expect(family, "the restarted etcd is npm start's child").toContain(newPid);
    expect(family.length, "etcd and the Next server run under npm start").toBeGreaterThan(1);
    process.kill(startPid, "SIGINT");
    const code = await Promise.race([exited, sleep(60_000).then(() => "timeout" as const)]);
    expect(code, `Ctrl-C stops npm start cleanly; output:\n${output}`).toBe(0);
    const gone = await waitFor(() => family.every((p) => !alive(p)), 15_000);
    expect(
      family.filter((p) => alive(p)),
      "etcd and the Next server are gone too",
    ).toEqual([]);
    expect(gone).toBe(true);
    expect(await portInUse(port), "nothing listens on the app's port").toBe(false);
  } finally {
    for (const p of [startPid, ...family, ...descendants(startPid)]) {
      if (alive(p)) process.kill(p, "SIGKILL");
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
