import type { Encoding } from "@/lib/contract";

/**
 * The one query-key factory (docs/architecture.md): `as const` tuples, every child key starts
 * with its parent, so invalidating `kvKeys.all` reaches every key, tree and count query.
 */
export const kvKeys = {
  /** Everything read from the keyspace. */
  all: ["kv"] as const,
  /** Every single-key read. */
  keys: () => [...kvKeys.all, "key"] as const,
  /** One key (`GET /api/v1/kv`). */
  key: (key: string, keyEncoding: Encoding) => [...kvKeys.keys(), keyEncoding, key] as const,
  /** Every folder listing. */
  trees: () => [...kvKeys.all, "tree"] as const,
  /** One folder's paged children (`GET /api/v1/tree`). */
  tree: (prefix: string, prefixEncoding: Encoding) =>
    [...kvKeys.trees(), prefixEncoding, prefix] as const,
  /** Every flat listing. */
  ranges: () => [...kvKeys.all, "range"] as const,
  /** Every key under a UTF-8 prefix (`GET /api/v1/range?prefix=`), e.g. the services view. */
  range: (prefix: string) => [...kvKeys.ranges(), prefix] as const,
  /** Every count under a prefix. */
  counts: () => [...kvKeys.all, "count"] as const,
  /** How many keys a prefix holds (`GET /api/v1/range?countOnly=1`). */
  count: (prefix: string, prefixEncoding: Encoding) =>
    [...kvKeys.counts(), prefixEncoding, prefix] as const,
};

/**
 * Reads of the keyspace as of a past revision (`?revision=R` in the explorer). Their own root,
 * so live invalidations and watch updates (kvKeys) never refetch or overwrite them: a revision's
 * contents never change (until compaction, which the reads then report as 410).
 */
export const pastKeys = {
  /** Everything read at any past revision. */
  all: ["past"] as const,
  /** Everything read at revision `revision`. */
  at: (revision: string) => [...pastKeys.all, revision] as const,
  /** One key at `revision` (`GET /api/v1/kv?revision=`). */
  key: (revision: string, key: string, keyEncoding: Encoding) =>
    [...pastKeys.at(revision), "key", keyEncoding, key] as const,
  /** One folder's children at `revision` (`GET /api/v1/tree?revision=`). */
  tree: (revision: string, prefix: string, prefixEncoding: Encoding) =>
    [...pastKeys.at(revision), "tree", prefixEncoding, prefix] as const,
  /** How many keys a prefix held at `revision` (`GET /api/v1/range?countOnly=1&revision=`). */
  count: (revision: string, prefix: string, prefixEncoding: Encoding) =>
    [...pastKeys.at(revision), "count", prefixEncoding, prefix] as const,
};

/**
 * Time travel: one key's versions (`GET /api/v1/history`) and what changed under a prefix
 * between two revisions (`GET /api/v1/changes`). Under kvKeys.all, so a write (which
 * invalidates kvKeys.all on restore) refreshes the newest entries.
 */
export const historyKeys = {
  /** Every history and changes read. */
  all: [...kvKeys.all, "history"] as const,
  /** One key's versions, newest first (infinite query). */
  key: (key: string, keyEncoding: Encoding) =>
    [...historyKeys.all, "key", keyEncoding, key] as const,
  /** The net changes under a prefix from `from` to `to` (null: now), infinite query. */
  changes: (prefix: string, prefixEncoding: Encoding, from: string, to: string | null) =>
    [...historyKeys.all, "changes", prefixEncoding, prefix, from, to ?? "now"] as const,
};

/** Gateway and etcd health (`GET /api/v1/health`). */
export const healthKeys = {
  all: ["health"] as const,
};

/** Leases: the listing and each lease's detail (`/api/v1/leases[/{id}]`). */
export const leaseKeys = {
  /** Everything read about leases. */
  all: ["lease"] as const,
  /** The lease manager's listing (`GET /api/v1/leases`). */
  list: () => [...leaseKeys.all, "list"] as const,
  /** Every single-lease countdown read. */
  ids: () => [...leaseKeys.all, "id"] as const,
  /** One lease's expiry by hex ID (`GET /api/v1/leases/ttl?ids=`, batched). */
  lease: (id: string) => [...leaseKeys.ids(), id] as const,
};

/** Cluster members, status and alarms (`GET /api/v1/cluster`). */
export const clusterKeys = {
  all: ["cluster"] as const,
};

/** What the gateway's etcd user may read and write (`GET /api/v1/permissions`). */
export const permissionKeys = {
  all: ["permissions"] as const,
};

/** etcd users, roles and the auth switch (`/api/v1/auth/**`). */
export const accessKeys = {
  all: ["access"] as const,
  /** `GET /api/v1/auth/status`. */
  status: () => [...accessKeys.all, "status"] as const,
  /** `GET /api/v1/auth/users`. */
  users: () => [...accessKeys.all, "users"] as const,
  /** `GET /api/v1/auth/roles`. */
  roles: () => [...accessKeys.all, "roles"] as const,
};

/** Every member's `/metrics` figures (`GET /api/v1/cluster/metrics`). */
export const metricsKeys = {
  all: ["metrics"] as const,
};

/** Locks and elections under a prefix (`GET /api/v1/locks`). */
export const lockKeys = {
  all: ["locks"] as const,
  /** The locks under one UTF-8 prefix. */
  prefix: (prefix: string) => [...lockKeys.all, prefix] as const,
};
