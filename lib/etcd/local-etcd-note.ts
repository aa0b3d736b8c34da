import "server-only";
import { BrokenCircuitError } from "cockatiel";
import { GRPCUnavailableError } from "etcd3";
import { GatewayError } from "@/lib/errors/gateway-error";
import { etcdToGatewayError } from "./etcd-errors";

/**
 * Whether this gateway's etcd is the local one `npm start` runs and restarts when it dies
 * (scripts/start.mjs sets `ETCD_EXPLORER_LOCAL_ETCD=supervised`).
 */
export function localEtcdSupervised(): boolean {
  return process.env.ETCD_EXPLORER_LOCAL_ETCD === "supervised";
}

/**
 * For the health check: when the supervised local etcd can't be reached, say it is restarting
 * so the app's banner tells the user it will come back by itself. Returns a 503
 * `etcd_unavailable` GatewayError whose message starts with "local etcd restarting" and whose
 * `details.localEtcd` is `"restarting"`; any other error (or an etcd not run by `npm start`)
 * is returned unchanged. Only "no connection" failures count: an out-of-space alarm or a failed
 * login is not fixed by a restart.
 * @param err  what etcd Maintenance.Status threw
 */
export function noteLocalEtcdRestart(err: unknown): unknown {
  if (!localEtcdSupervised()) return err;
  if (!(err instanceof BrokenCircuitError || err instanceof GRPCUnavailableError)) return err;
  const mapped = etcdToGatewayError(err);
  if (mapped?.code !== "etcd_unavailable") return err;
  return new GatewayError(
    "etcd_unavailable",
    `local etcd restarting: npm start brings it back by itself (${mapped.message})`,
    { localEtcd: "restarting" },
  );
}
