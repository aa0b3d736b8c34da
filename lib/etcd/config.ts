import "server-only";
import fs from "node:fs";
import { z } from "zod";

/**
 * The gateway's etcd connection settings, read from the environment at run time (never baked
 * into the build). `ETCD_*` wins over the `ETCDCTL_*` names etcdctl users already have set.
 */
export type EtcdConfig = {
  /** Client URLs, e.g. `["http://127.0.0.1:2379"]`. */
  endpoints: string[];
  auth?: { username: string; password: string };
  /** PEM bytes of the CA and of the client certificate/key for mTLS. */
  tls?: { rootCertificate: Buffer; certChain?: Buffer; privateKey?: Buffer };
};

const endpointsSchema = z
  .string()
  .transform((s) =>
    s
      .split(",")
      .map((e) => e.trim())
      .filter(Boolean)
      .map((e) => (/^[a-z]+:\/\//.test(e) ? e : `http://${e}`)),
  )
  .pipe(z.array(z.url()).min(1));

/**
 * Read {@link EtcdConfig} from `env`.
 * @throws Error naming the variable when ETCD_ENDPOINTS is missing or malformed, or when a TLS
 *   file can't be read.
 */
export function readEtcdConfig(env: NodeJS.ProcessEnv = process.env): EtcdConfig {
  const rawEndpoints = env.ETCD_ENDPOINTS || env.ETCDCTL_ENDPOINTS;
  if (!rawEndpoints) {
    throw new Error("ETCD_ENDPOINTS is not set (comma-separated etcd client URLs)");
  }
  const parsed = endpointsSchema.safeParse(rawEndpoints);
  if (!parsed.success) throw new Error(`ETCD_ENDPOINTS is malformed: ${rawEndpoints}`);

  let auth: EtcdConfig["auth"];
  if (env.ETCD_USERNAME) {
    auth = { username: env.ETCD_USERNAME, password: env.ETCD_PASSWORD ?? "" };
  } else if (env.ETCDCTL_USER) {
    const [username, ...rest] = env.ETCDCTL_USER.split(":");
    auth = { username, password: rest.join(":") || env.ETCDCTL_PASSWORD || "" };
  }

  const file = (name: string) => {
    const p = env[`ETCD_${name}`] || env[`ETCDCTL_${name}`];
    return p ? fs.readFileSync(p) : undefined;
  };
  const rootCertificate = file("CACERT");
  const tls = rootCertificate
    ? { rootCertificate, certChain: file("CERT"), privateKey: file("KEY") }
    : undefined;
  return { endpoints: parsed.data, auth, tls };
}
