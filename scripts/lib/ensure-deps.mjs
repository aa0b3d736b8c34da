// Make sure the system programs the project runs are installed: Debian's etcd (server + etcdctl),
// Debian's Chromium (Playwright drives it) and openssl (the TLS tests make certificates with it).
// Installs them with apt when it can (root + apt), otherwise stops with a message naming exactly
// what to install. Silent when all is present.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { ETCD_BIN, ETCDCTL_BIN } from "./etcd-process.mjs";

/** @typedef {{ packages: string[], binaries: string[], hint: string }} Requirement packages providing binaries */

/** @type {Requirement} */
const ETCD = {
  packages: ["etcd-server", "etcd-client"],
  binaries: [ETCD_BIN, ETCDCTL_BIN],
  hint: "(or point ETCD_BIN / ETCDCTL_BIN at an etcd 3.4+ you installed another way)",
};
/** @type {Requirement} */
const CHROMIUM = {
  packages: ["chromium"],
  binaries: ["/usr/bin/chromium"],
  hint: "(the e2e tests drive Debian's Chromium at /usr/bin/chromium)",
};

/** @type {Requirement} */
const OPENSSL = {
  packages: ["openssl"],
  binaries: ["/usr/bin/openssl"],
  hint: "(the TLS tests make a throwaway CA and certificates with it; test/helpers/tls-certs.ts)",
};

let aptUpdated = false;

/**
 * Ensure /usr/bin/etcd and /usr/bin/etcdctl (or $ETCD_BIN / $ETCDCTL_BIN) exist, installing
 * `etcd-server etcd-client` with apt-get when running as root on a machine with apt.
 * Quiet when both are present.
 * @returns {void}
 * @throws never: on failure it prints what to install and exits the process with code 1.
 */
export function ensureEtcd() {
  ensure(ETCD);
}

/**
 * Ensure /usr/bin/chromium exists (Playwright's browser for e2e), installing Debian's `chromium`
 * with apt-get when running as root on a machine with apt. Quiet when present.
 * @returns {void}
 * @throws never: on failure it prints what to install and exits the process with code 1.
 */
export function ensureChromium() {
  ensure(CHROMIUM);
}

/**
 * Ensure /usr/bin/openssl exists (the TLS integration tests generate their certificates with
 * it), installing Debian's `openssl` with apt-get when running as root on a machine with apt.
 * Quiet when present.
 * @returns {void}
 * @throws never: on failure it prints what to install and exits the process with code 1.
 */
export function ensureOpenssl() {
  ensure(OPENSSL);
}

/** @param {Requirement} req */
function ensure(req) {
  const missing = req.binaries.filter((b) => !fs.existsSync(b));
  if (missing.length === 0) return;
  const what = `${missing.join(", ")} (Debian package${req.packages.length > 1 ? "s" : ""} ${req.packages.join(" ")})`;
  const canApt = process.getuid?.() === 0 && fs.existsSync("/usr/bin/apt-get");
  if (!canApt) {
    fail(
      `Missing ${what}.\n` +
        `Install with:  sudo apt-get install -y ${req.packages.join(" ")}\n${req.hint}`,
    );
  }
  console.log(
    `[setup] ${missing.join(", ")} not found; installing ${req.packages.join(" ")} with apt-get`,
  );
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  if (!aptUpdated) {
    run(["apt-get", "update"], env, what);
    aptUpdated = true;
  }
  run(["apt-get", "install", "-y", ...req.packages], env, what);
  const still = req.binaries.filter((b) => !fs.existsSync(b));
  if (still.length > 0)
    fail(`apt-get installed ${req.packages.join(" ")} but ${still.join(", ")} is still missing.`);
}

/**
 * @param {string[]} argv
 * @param {NodeJS.ProcessEnv} env
 * @param {string} what
 */
function run(argv, env, what) {
  const res = spawnSync(argv[0], argv.slice(1), { stdio: ["ignore", "inherit", "inherit"], env });
  if (res.status !== 0) {
    fail(
      `\`${argv.join(" ")}\` failed (exit ${res.status ?? res.signal}); could not install ${what}.`,
    );
  }
}

/** @param {string} message @returns {never} */
function fail(message) {
  console.error(`[setup] ${message}`);
  process.exit(1);
}
