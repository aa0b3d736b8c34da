// `npm test`: every check the project has, in order, stopping at the first failure with its
// exit code. Installs etcd, Chromium and openssl first when missing (root + apt). Works
// unattended (CI).
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureChromium, ensureEtcd, ensureOpenssl } from "./lib/ensure-deps.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** @param {string} name */
const bin = (name) => path.join(ROOT, "node_modules", ".bin", name);

/** @type {{ title: string, argv: string[] }[]} */
const STEPS = [
  { title: "lint (eslint)", argv: ["npm", "run", "--silent", "lint"] },
  {
    title: "typecheck (next typegen && tsc --noEmit)",
    argv: ["npm", "run", "--silent", "typecheck"],
  },
  { title: "unit + integration tests (vitest, real etcd)", argv: [bin("vitest"), "run"] },
  { title: "build (next build)", argv: [bin("next"), "build"] },
  { title: "e2e (playwright, Debian Chromium)", argv: [bin("playwright"), "test"] },
];

ensureEtcd();
ensureChromium();
ensureOpenssl();

/** @type {string[]} */
const done = [];
const started = Date.now();
for (const [i, step] of STEPS.entries()) {
  console.log(`\n━━━ [${i + 1}/${STEPS.length}] ${step.title} ━━━  $ ${shown(step.argv)}\n`);
  const t0 = Date.now();
  const res = spawnSync(step.argv[0], step.argv.slice(1), {
    cwd: ROOT,
    stdio: ["ignore", "inherit", "inherit"],
  });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  const code = res.status ?? (res.error ? 127 : 1);
  if (code !== 0) {
    const why = res.error
      ? res.error.message
      : res.signal
        ? `signal ${res.signal}`
        : `exit ${code}`;
    console.error(
      `\n✗ npm test FAILED at step ${i + 1}/${STEPS.length} "${step.title}" (${why}, ${secs} s)`,
    );
    if (done.length) console.error(`  passed before it: ${done.join(", ")}`);
    process.exit(code);
  }
  done.push(`${step.title.split(" ")[0]} ${secs}s`);
}
const total = ((Date.now() - started) / 1000).toFixed(1);
console.log(
  `\n✓ npm test passed: ${STEPS.length}/${STEPS.length} steps in ${total} s (${done.join(", ")})`,
);

/** @param {string[]} argv */
function shown(argv) {
  return argv.map((a) => (a.startsWith(ROOT) ? path.basename(a) : a)).join(" ");
}
