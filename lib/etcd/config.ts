import "server-only";
import fs from "node:fs";
import type { IOptions } from "etcd3";
import { z } from "zod";

/**
 * The gateway's etcd connection settings, read from the environment at run time (never baked
 * into the build). `ETCD_*` wins over the `ETCDCTL_*` names etcdctl users already have set.
 */
export type EtcdConfig = {
  /** Client URLs, all `http://` or all `https://`, e.g. `["https://127.0.0.1:2379"]`. */
  endpoints: string[];
  auth?: { username: string; password: string };
  /**
   * PEM bytes for `https://` endpoints: the CA (absent: the system roots) and the client
   * certificate/key for mTLS (both or neither). Absent when no TLS file is configured.
   */
  tls?: { rootCertificate?: Buffer; certChain?: Buffer; privateKey?: Buffer };
};

type Env = Record<string, string | undefined>;

const urlsSchema = z.array(z.url({ protocol: /^https?$/ })).min(1);

/**
 * Read {@link EtcdConfig} from `env` (pure apart from reading the TLS files it names).
 *
 * Endpoints come from `ETCD_ENDPOINTS` (else `ETCDCTL_ENDPOINTS`), comma-separated. As etcdctl
 * does, an endpoint without a scheme is `https://` when a TLS file (CA, cert or key) is set and
 * `http://` otherwise, and TLS files are unused for `http://` endpoints. TLS files come from
 * `ETCD_CACERT`/`ETCD_CERT`/`ETCD_KEY` (else the `ETCDCTL_` names), auth from
 * `ETCD_USERNAME`/`ETCD_PASSWORD` (else `ETCDCTL_USER=user:pass`, or `ETCDCTL_USER=user` with
 * `ETCDCTL_PASSWORD`).
 * @throws Error naming the variable when the endpoints are missing or malformed, mix `http://`
 *   and `https://` (etcd3 can't), a TLS file can't be read, or a client cert comes without its
 *   key (or the other way round).
 */
export function readEtcdConfig(env: Env = process.env): EtcdConfig {
  const endpointsVar = env.ETCD_ENDPOINTS ? "ETCD_ENDPOINTS" : "ETCDCTL_ENDPOINTS";
  const rawEndpoints = env[endpointsVar];
  if (!rawEndpoints) {
    throw new Error("ETCD_ENDPOINTS is not set (comma-separated etcd client URLs)");
  }
  const files = readTlsFiles(env);
  const anyTlsFile = Boolean(files.rootCertificate || files.certChain || files.privateKey);
  const endpoints = parseEndpoints(rawEndpoints, endpointsVar, anyTlsFile ? "https" : "http");
  const secure = endpoints[0].startsWith("https:");
  if (endpoints.some((e) => e.startsWith("https:") !== secure)) {
    throw new Error(
      `${endpointsVar} mixes http:// and https:// endpoints (${rawEndpoints}); ` +
        "use one scheme for all of them",
    );
  }
  return { endpoints, auth: readAuth(env), tls: secure && anyTlsFile ? files : undefined };
}

/** The TLS settings in the shape of etcd3's `credentials` option. */
export function etcd3Credentials(config: EtcdConfig): IOptions["credentials"] {
  // etcd3 types rootCertificate as required, but passes it straight to grpc's createSsl, where
  // a missing CA means the system roots (https:// with no CA configured, or mTLS to a public CA).
  return config.tls as IOptions["credentials"];
}

function parseEndpoints(raw: string, varName: string, defaultScheme: string): string[] {
  const urls = raw
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean)
    .map((e) => (/^[a-z][a-z0-9+.-]*:\/\//i.test(e) ? e : `${defaultScheme}://${e}`))
    // grpc wants host:port; etcd3 strips only the scheme.
    .map((e) => e.replace(/\/+$/, ""));
  const parsed = urlsSchema.safeParse(urls);
  if (!parsed.success) {
    throw new Error(`${varName} is malformed (want http:// or https:// URLs): ${raw}`);
  }
  return parsed.data;
}

function readAuth(env: Env): EtcdConfig["auth"] {
  if (env.ETCD_USERNAME) {
    return { username: env.ETCD_USERNAME, password: env.ETCD_PASSWORD ?? "" };
  }
  if (env.ETCDCTL_USER) {
    const [username, ...rest] = env.ETCDCTL_USER.split(":");
    return { username, password: rest.length ? rest.join(":") : (env.ETCDCTL_PASSWORD ?? "") };
  }
  return undefined;
}

function readTlsFiles(env: Env): NonNullable<EtcdConfig["tls"]> {
  const pick = (name: string) => (env[`ETCD_${name}`] ? `ETCD_${name}` : `ETCDCTL_${name}`);
  const read = (name: string): Buffer | undefined => {
    const varName = pick(name);
    const file = env[varName];
    if (!file) return undefined;
    try {
      return fs.readFileSync(file);
    } catch (e) {
      const why = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
      throw new Error(`${varName}=${file} cannot be read (${why})`);
    }
  };
  const [rootCertificate, certChain, privateKey] = [read("CACERT"), read("CERT"), read("KEY")];
  if (Boolean(certChain) !== Boolean(privateKey)) {
    const [set, unset] = certChain ? ["CERT", "KEY"] : ["KEY", "CERT"];
    throw new Error(
      `${pick(set)} is set but neither ETCD_${unset} nor ETCDCTL_${unset} is: a client ` +
        "certificate needs its key (set both for mTLS, or neither)",
    );
  }
  return { rootCertificate, certChain, privateKey };
}
