import "server-only";
import { getEtcd } from "../client";
import { memberClient } from "../members";

/** How long (ms) a verdict on the members' versions is kept before it is asked for again. */
const VERDICT_TTL_MS = 5 * 60_000;
/** After a failed check (MemberList or a member's Status failed), ask again this soon (ms). */
const RETRY_AFTER_MS = 30_000;

/**
 * Whether an etcd server `version` (Maintenance.Status `version`, e.g. "3.4.23") answers a
 * requested progress (WatchRequest.progress_request) only once the stream's watchers are
 * synced, so that its revision really means "every event up to here was sent".
 *
 * Facts (etcd 3.4 server): a requested progress is answered on the watch stream's control
 * channel, with watch_id -1 and the store's current revision, whether or not the watcher has
 * caught up; it can overtake the catch-up events of a watcher re-created from an older
 * revision (etcd-io/etcd#15220, fixed in 3.4.25 / 3.5.8; Kubernetes trusts the answer only from
 * 3.4.31 / 3.5.13, after further fixes). So: ≥ 3.4.31 in 3.4, ≥ 3.5.13 in 3.5, any ≥ 3.6.
 * Anything unparsable is not trusted.
 */
export function answersProgressInOrder(version: string): boolean {
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version.trim());
  if (!m) return false;
  const [major, minor, patch] = m.slice(1).map(Number);
  if (major !== 3) return major > 3;
  if (minor === 4) return patch >= 31;
  if (minor === 5) return patch >= 13;
  return minor >= 6;
}

type Verdict = { trusted: boolean; until: number; checking?: Promise<void> };
const holder = globalThis as unknown as { __etcdExplorerProgressTrust?: Verdict };

/**
 * Whether a requested progress answer (watch_id -1) may be taken as "every event up to its
 * revision was delivered": only when every member of the cluster (MemberList, then
 * Maintenance.Status on each member's first client URL) runs a version for which
 * {@link answersProgressInOrder} holds — the watch stream may sit on any of them. Synchronous:
 * answers from a cached verdict (false until the first check finished, and whenever a member
 * could not be asked) and starts a re-check in the background when the verdict is stale
 * ({@link VERDICT_TTL_MS}; {@link RETRY_AFTER_MS} after a failed check).
 */
export function requestedProgressTrusted(): boolean {
  const verdict = (holder.__etcdExplorerProgressTrust ??= { trusted: false, until: 0 });
  if (Date.now() >= verdict.until && !verdict.checking) {
    verdict.checking = checkMembers()
      .then((trusted) => {
        verdict.trusted = trusted;
        verdict.until = Date.now() + VERDICT_TTL_MS;
      })
      .catch(() => {
        verdict.trusted = false;
        verdict.until = Date.now() + RETRY_AFTER_MS;
      })
      .finally(() => (verdict.checking = undefined));
  }
  return verdict.trusted;
}

async function checkMembers(): Promise<boolean> {
  const { read, config } = getEtcd();
  const { members } = await read.cluster.memberList({});
  if (members.length === 0) return false;
  const versions = await Promise.all(
    members.map(async (m) => {
      const url = m.clientURLs[0];
      if (!url) return ""; // not started yet: unknown version
      return (await memberClient(url, config).maintenance.status()).version;
    }),
  );
  return versions.every(answersProgressInOrder);
}
