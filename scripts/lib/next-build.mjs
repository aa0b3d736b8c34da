// Build the Next.js app only when needed: no build yet, or sources changed since the last one.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/** What a build depends on, relative to the repo root (folders are walked, files compared). */
const SOURCES = [
  "app",
  "lib",
  "components",
  "public",
  "next.config.js",
  "postcss.config.mjs",
  "tsconfig.json",
  "package.json",
];

/**
 * Why the app at `root` needs `next build`, or null when `.next/BUILD_ID` exists and no source
 * file (see SOURCES) is newer than it.
 * @param {string} root  repo root
 * @returns {string | null}  a short reason, e.g. "no build yet" or "app/page.tsx changed"
 */
export function buildReason(root) {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!fs.existsSync(buildId)) return "no build yet";
  const builtAt = fs.statSync(buildId).mtimeMs;
  for (const rel of SOURCES) {
    const newer = newerFile(path.join(root, rel), builtAt);
    if (newer) return `${path.relative(root, newer)} changed`;
  }
  return null;
}

/**
 * Run `next build` in `root` when {@link buildReason} says so; output goes to this terminal.
 * @param {string} root  repo root
 * @param {string} tag   log prefix, e.g. "start"
 * @returns {void}
 * @throws Error when the build fails (message carries the exit code)
 */
export function ensureBuild(root, tag) {
  const reason = buildReason(root);
  if (!reason) return;
  console.log(`[${tag}] building the app (${reason}): next build`);
  const res = spawnSync(path.join(root, "node_modules", ".bin", "next"), ["build"], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
  });
  if (res.status !== 0) throw new Error(`next build failed (exit ${res.status ?? res.signal})`);
}

/**
 * First file under `p` (file or folder, recursive) modified after `since`, else null.
 * @param {string} p
 * @param {number} since  epoch ms
 * @returns {string | null}
 */
function newerFile(p, since) {
  let st;
  try {
    st = fs.statSync(p);
  } catch {
    return null;
  }
  if (!st.isDirectory()) return st.mtimeMs > since ? p : null;
  for (const entry of fs.readdirSync(p)) {
    const found = newerFile(path.join(p, entry), since);
    if (found) return found;
  }
  return null;
}
