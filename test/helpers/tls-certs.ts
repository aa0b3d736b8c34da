import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** Debian's openssl (package `openssl`); scripts/lib/ensure-deps.mjs installs it when missing. */
export const OPENSSL_BIN = "/usr/bin/openssl";

/** Paths of the PEM files {@link generateTlsCerts} wrote, plus the directory to remove. */
export type TlsCerts = {
  dir: string;
  /** Self-signed CA that signed every cert below. */
  caFile: string;
  /** Server cert: SAN IP:127.0.0.1 + DNS:localhost, serverAuth + clientAuth usages. */
  serverCertFile: string;
  serverKeyFile: string;
  /** Client cert for mTLS: clientAuth usage. */
  clientCertFile: string;
  clientKeyFile: string;
  /** A second, unrelated self-signed CA (for "wrong CA" cases). */
  otherCaFile: string;
};

// etcd verifies with Go's crypto/x509, which wants CA:TRUE + keyCertSign on the CA and checks the
// extended key usages. The server cert also carries clientAuth: with --client-cert-auth, etcd's
// own HTTP gateway dials its gRPC port presenting the server cert as a client cert.
const CONFIG = `
[req]
distinguished_name = dn
prompt = no
[dn]
CN = placeholder
[ca_ext]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[server_ext]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth,clientAuth
subjectAltName = IP:127.0.0.1,DNS:localhost
authorityKeyIdentifier = keyid
[client_ext]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = clientAuth
authorityKeyIdentifier = keyid
`;

/**
 * Generate a throwaway PKI with {@link OPENSSL_BIN} in a new temp dir: a CA, a server cert and a
 * client cert signed by it, and an unrelated CA. EC P-256 keys (fast to generate), valid 1 day.
 * Synchronous; takes well under a second. Remove `dir` when done.
 * @throws Error (from execFileSync, with openssl's stderr) when openssl is missing or fails.
 */
export function generateTlsCerts(): TlsCerts {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "etcd-explorer-tls-"));
  const f = (name: string) => path.join(dir, name);
  fs.writeFileSync(f("openssl.cnf"), CONFIG);
  const openssl = (...args: string[]) =>
    execFileSync(OPENSSL_BIN, args, { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
  const key = (name: string) =>
    openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", f(name));
  const selfSignedCa = (name: string, cn: string) => {
    key(`${name}.key`);
    openssl(
      ...["req", "-x509", "-new", "-config", f("openssl.cnf"), "-extensions", "ca_ext"],
      ...["-key", f(`${name}.key`), "-subj", `/CN=${cn}`, "-days", "1", "-out", f(`${name}.crt`)],
    );
  };
  const signed = (name: string, cn: string, ext: string) => {
    key(`${name}.key`);
    openssl(
      ...["req", "-new", "-config", f("openssl.cnf"), "-key", f(`${name}.key`)],
      ...["-subj", `/CN=${cn}`, "-out", f(`${name}.csr`)],
    );
    openssl(
      ...["x509", "-req", "-in", f(`${name}.csr`), "-CA", f("ca.crt"), "-CAkey", f("ca.key")],
      ...["-CAcreateserial", "-days", "1", "-extfile", f("openssl.cnf"), "-extensions", ext],
      ...["-out", f(`${name}.crt`)],
    );
  };
  selfSignedCa("ca", "etcd-explorer test CA");
  selfSignedCa("other-ca", "some other CA");
  signed("server", "localhost", "server_ext");
  signed("client", "etcd-explorer test client", "client_ext");
  return {
    dir,
    caFile: f("ca.crt"),
    serverCertFile: f("server.crt"),
    serverKeyFile: f("server.key"),
    clientCertFile: f("client.crt"),
    clientKeyFile: f("client.key"),
    otherCaFile: f("other-ca.crt"),
  };
}
