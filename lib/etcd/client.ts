import "server-only";
import { InterceptingCall, type Interceptor } from "@grpc/grpc-js";
import {
  BrokenCircuitError,
  ConsecutiveBreaker,
  ExponentialBackoff,
  circuitBreaker,
  handleWhen,
  noop,
  retry,
} from "cockatiel";
import { Etcd3, GRPCUnavailableError, type IOptions } from "etcd3";
import { GatewayError } from "@/lib/errors/gateway-error";
import { tolerateAuthDisabled } from "./auth-token";
import { etcd3Credentials, readEtcdConfig, type EtcdConfig } from "./config";

/** Deadline for every unary etcd call, in ms (etcd3 sets none by default). */
export const UNARY_DEADLINE_MS = 5_000;

/**
 * The gateway's etcd clients. `read` retries transport failures on another member; `write`
 * only retries a call that was never sent (see {@link neverSent}): a write that reached a member
 * and then timed out or lost its connection may have been committed, so its outcome is reported
 * as unknown instead of repeated. `watch` has its own HTTP/2 connections, so heavy reads can't
 * starve watch streams; only its raw `watchClient` is used (lib/etcd/watch/). Why etcd3's own
 * retries, breaker and watcher are replaced: docs/etcd-notes.md.
 */
export type EtcdClients = { read: Etcd3; write: Etcd3; watch: Etcd3; config: EtcdConfig };

/**
 * True for a failure to reach a member (connection refused/dropped), false for answers etcd
 * itself gave ("etcdserver: ..."), deadlines and size errors. Only these trip a host's breaker,
 * so one oversized or slow request can't lock every user out of a healthy member.
 */
export function isTransportFailure(err: Error): boolean {
  return err instanceof GRPCUnavailableError && !err.message.includes("etcdserver:");
}

/**
 * True when grpc-js failed the call before sending it: no connection to the chosen member could
 * be made (its pick fails with "No connection established"). etcd never saw such a write, so it
 * is safe to send it to another member — the only retry the write client makes.
 */
export function neverSent(err: Error): boolean {
  return err instanceof GRPCUnavailableError && err.message.includes("No connection established");
}

/** Adds `hasleader: true` so a member that lost its leader refuses calls instead of hanging. */
const requireLeader: Interceptor = (options, next) =>
  new InterceptingCall(next(options), {
    start(metadata, listener, nextStart) {
      metadata.set("hasleader", "true");
      nextStart(metadata, listener);
    },
  });

/**
 * gRPC channel settings every etcd client of the gateway uses: no 4 MiB cap on responses (etcd
 * caps requests, not answers; big ranges exceed it) and HTTP/2 keepalive pings every 15 s
 * (dead after 5 s without an answer), so a half-open connection is noticed.
 */
export const CHANNEL_OPTIONS = {
  "grpc.max_receive_message_length": -1,
  "grpc.keepalive_time_ms": 15_000,
  "grpc.keepalive_timeout_ms": 5_000,
} as const;

function baseOptions(config: EtcdConfig): IOptions {
  return {
    hosts: config.endpoints,
    auth: config.auth,
    credentials: etcd3Credentials(config),
    grpcOptions: { ...CHANNEL_OPTIONS, interceptors: [requireLeader] },
    defaultCallOptions: (ctx) =>
      ctx.isStream ? {} : { deadline: new Date(Date.now() + UNARY_DEADLINE_MS) },
  };
}

const hostBreaker = () =>
  circuitBreaker(handleWhen(isTransportFailure), {
    halfOpenAfter: 2_000,
    breaker: new ConsecutiveBreaker(3),
  });

/** Build a fresh set of clients for `config` (tests use this; the app uses {@link getEtcd}). */
export function createEtcdClients(config: EtcdConfig): EtcdClients {
  const attempts = Math.max(2, config.endpoints.length);
  const readRetry = retry(
    handleWhen((err) => isTransportFailure(err) || err instanceof BrokenCircuitError),
    {
      maxAttempts: attempts - 1,
      backoff: new ExponentialBackoff({ initialDelay: 50, maxDelay: 500 }),
    },
  );
  const read = new Etcd3({
    ...baseOptions(config),
    faultHandling: { host: hostBreaker, global: readRetry },
  });
  // Each retry goes to another member: etcd3 walks one shuffled host order across attempts.
  const writeRetry = retry(handleWhen(neverSent), {
    maxAttempts: attempts - 1,
    backoff: new ExponentialBackoff({ initialDelay: 20, maxDelay: 200 }),
  });
  const write = new Etcd3({
    ...baseOptions(config),
    faultHandling: { host: hostBreaker, global: writeRetry },
  });
  const watch = new Etcd3({
    ...baseOptions(config),
    grpcOptions: { ...baseOptions(config).grpcOptions, "grpc.use_local_subchannel_pool": 1 },
    faultHandling: { host: hostBreaker, global: noop },
  });
  for (const c of [read, write, watch]) tolerateAuthDisabled(c);
  return { read, write, watch, config };
}

const holder = globalThis as unknown as {
  __etcdExplorerClients?: EtcdClients;
  __etcdExplorerConfigErrorLogged?: boolean;
};

/**
 * The process-wide clients, created on first use from the environment and kept on
 * `globalThis` so dev reloads and Next's separate bundles share one set of connections.
 * @throws GatewayError 503 `etcd_unavailable` naming the variable when the connection settings
 *   are invalid (see {@link readEtcdConfig}); the same message is logged once.
 */
export function getEtcd(): EtcdClients {
  holder.__etcdExplorerClients ??= createEtcdClients(configFromEnv());
  return holder.__etcdExplorerClients;
}

function configFromEnv(): EtcdConfig {
  try {
    return readEtcdConfig();
  } catch (e) {
    // A settings mistake is the operator's to fix, not a gateway bug: a 503 naming the variable
    // on every request (the UI shows it) instead of a generic 500. The details (values, file
    // paths) go to the server log only.
    const detail = (e as Error).message;
    if (!holder.__etcdExplorerConfigErrorLogged) {
      console.error(`[gateway] the etcd settings are invalid: ${detail}`);
    }
    holder.__etcdExplorerConfigErrorLogged = true;
    const variable = /\bETCD(?:CTL)?_[A-Z_]+/.exec(detail)?.[0] ?? "the ETCD_* variables";
    throw new GatewayError(
      "etcd_unavailable",
      `the gateway's etcd settings are invalid: check ${variable} (details in the server log)`,
    );
  }
}
