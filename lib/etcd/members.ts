import "server-only";
import { noop } from "cockatiel";
import { Etcd3 } from "etcd3";
import { tolerateAuthDisabled } from "./auth-token";
import { CHANNEL_OPTIONS } from "./client";
import { etcd3Credentials, type EtcdConfig } from "./config";

/** Deadline for a per-member call, in ms: a dead member must not hold up the cluster view. */
export const MEMBER_DEADLINE_MS = 2_000;

const holder = globalThis as unknown as { __etcdExplorerMemberClients?: Map<string, Etcd3> };

/**
 * A client bound to the one member at `clientUrl`, for member-specific calls (Maintenance
 * Status, later Defragment/HashKV), which a multi-host client would send to a random member.
 * No retries and no breaker (`faultHandling` noop), a {@link MEMBER_DEADLINE_MS} deadline on
 * unary calls, and no `hasleader` metadata so a leaderless member still answers Status (with
 * `errors: ["etcdserver: no leader"]`). Cached on `globalThis` by URL; auth/TLS from `config`.
 */
export function memberClient(clientUrl: string, config: EtcdConfig): Etcd3 {
  holder.__etcdExplorerMemberClients ??= new Map();
  const cache = holder.__etcdExplorerMemberClients;
  let client = cache.get(clientUrl);
  if (!client) {
    client = new Etcd3({
      hosts: [clientUrl],
      auth: config.auth,
      credentials: etcd3Credentials(config),
      grpcOptions: {
        ...CHANNEL_OPTIONS, // fallback reads (read-fallback.ts) can be large ranges
        // Fail fast after a member died instead of waiting out grpc's reconnect backoff.
        "grpc.initial_reconnect_backoff_ms": 200,
        "grpc.max_reconnect_backoff_ms": 1_000,
      },
      faultHandling: { host: () => noop, global: noop },
      defaultCallOptions: (ctx) =>
        ctx.isStream ? {} : { deadline: new Date(Date.now() + MEMBER_DEADLINE_MS) },
    });
    cache.set(clientUrl, tolerateAuthDisabled(client));
  }
  return client;
}

/** Close and forget every cached member client (tests that switch clusters call this). */
export function closeMemberClients(): void {
  for (const c of holder.__etcdExplorerMemberClients?.values() ?? []) c.close();
  holder.__etcdExplorerMemberClients?.clear();
}
