import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readEtcdConfig } from "@/lib/etcd/config";

// readEtcdConfig only reads the files; their contents needn't be real PEM here.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "etcd-config-"));
const file = (name: string) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, `contents of ${name}`);
  return p;
};
const [ca, cert, key, ctlCa, ctlCert, ctlKey] = [
  file("ca.pem"),
  file("cert.pem"),
  file("key.pem"),
  file("ctl-ca.pem"),
  file("ctl-cert.pem"),
  file("ctl-key.pem"),
];
const missing = path.join(dir, "does-not-exist.pem");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("readEtcdConfig: endpoints", () => {
  it("requires ETCD_ENDPOINTS or ETCDCTL_ENDPOINTS", () => {
    expect(() => readEtcdConfig({})).toThrow(/ETCD_ENDPOINTS is not set/);
  });

  it("prefers ETCD_ENDPOINTS, falls back to ETCDCTL_ENDPOINTS", () => {
    const both = { ETCD_ENDPOINTS: "http://a:1", ETCDCTL_ENDPOINTS: "http://b:2" };
    expect(readEtcdConfig(both).endpoints).toEqual(["http://a:1"]);
    expect(readEtcdConfig({ ETCDCTL_ENDPOINTS: "http://b:2" }).endpoints).toEqual(["http://b:2"]);
  });

  it("splits on commas, trims, drops empties and trailing slashes", () => {
    const env = { ETCD_ENDPOINTS: " http://a:1/ ,,http://b:2" };
    expect(readEtcdConfig(env).endpoints).toEqual(["http://a:1", "http://b:2"]);
  });

  it("defaults a missing scheme to http, or to https when a TLS file is set (as etcdctl)", () => {
    expect(readEtcdConfig({ ETCD_ENDPOINTS: "a:1,b:2" }).endpoints).toEqual([
      "http://a:1",
      "http://b:2",
    ]);
    expect(readEtcdConfig({ ETCD_ENDPOINTS: "a:1", ETCD_CACERT: ca }).endpoints).toEqual([
      "https://a:1",
    ]);
    const mtlsOnly = { ETCDCTL_ENDPOINTS: "a:1", ETCDCTL_CERT: cert, ETCDCTL_KEY: key };
    expect(readEtcdConfig(mtlsOnly).endpoints).toEqual(["https://a:1"]);
  });

  it("rejects a mix of http:// and https:// naming the variable", () => {
    expect(() => readEtcdConfig({ ETCD_ENDPOINTS: "http://a:1,https://b:2" })).toThrow(
      /^ETCD_ENDPOINTS mixes http:\/\/ and https:\/\//,
    );
    // a schemeless one becomes https with a CA, so it clashes with an explicit http://
    const env = { ETCDCTL_ENDPOINTS: "http://a:1,b:2", ETCDCTL_CACERT: ca };
    expect(() => readEtcdConfig(env)).toThrow(/^ETCDCTL_ENDPOINTS mixes/);
  });

  it("rejects other schemes and garbage naming the variable", () => {
    expect(() => readEtcdConfig({ ETCD_ENDPOINTS: "unix:///run/etcd.sock" })).toThrow(
      /^ETCD_ENDPOINTS is malformed/,
    );
    expect(() => readEtcdConfig({ ETCDCTL_ENDPOINTS: "http://" })).toThrow(
      /^ETCDCTL_ENDPOINTS is malformed/,
    );
  });
});

describe("readEtcdConfig: TLS files", () => {
  it("reads CA, cert and key from ETCD_*, which win over ETCDCTL_*", () => {
    const env = {
      ETCD_ENDPOINTS: "https://a:1",
      ...{ ETCD_CACERT: ca, ETCD_CERT: cert, ETCD_KEY: key },
      ...{ ETCDCTL_CACERT: ctlCa, ETCDCTL_CERT: ctlCert, ETCDCTL_KEY: ctlKey },
    };
    const tls = readEtcdConfig(env).tls;
    expect(tls?.rootCertificate?.toString()).toBe("contents of ca.pem");
    expect(tls?.certChain?.toString()).toBe("contents of cert.pem");
    expect(tls?.privateKey?.toString()).toBe("contents of key.pem");
  });

  it("falls back to the ETCDCTL_* names", () => {
    const env = {
      ETCDCTL_ENDPOINTS: "https://a:1",
      ...{ ETCDCTL_CACERT: ctlCa, ETCDCTL_CERT: ctlCert, ETCDCTL_KEY: ctlKey },
    };
    const tls = readEtcdConfig(env).tls;
    expect(tls?.rootCertificate?.toString()).toBe("contents of ctl-ca.pem");
    expect(tls?.certChain?.toString()).toBe("contents of ctl-cert.pem");
    expect(tls?.privateKey?.toString()).toBe("contents of ctl-key.pem");
  });

  it("https:// without TLS files: no tls (etcd3 then uses the system roots)", () => {
    expect(readEtcdConfig({ ETCD_ENDPOINTS: "https://a:1" }).tls).toBeUndefined();
  });

  it("mTLS without a CA keeps the cert and key, CA absent (system roots)", () => {
    const env = { ETCD_ENDPOINTS: "https://a:1", ETCD_CERT: cert, ETCD_KEY: key };
    const tls = readEtcdConfig(env).tls;
    expect(tls?.rootCertificate).toBeUndefined();
    expect(tls?.certChain?.toString()).toBe("contents of cert.pem");
  });

  it("http:// endpoints leave the TLS files unused (as etcdctl)", () => {
    expect(readEtcdConfig({ ETCD_ENDPOINTS: "http://a:1", ETCD_CACERT: ca }).tls).toBeUndefined();
  });

  it("an unreadable file names the variable that pointed at it", () => {
    const base = { ETCD_ENDPOINTS: "https://a:1" };
    expect(() => readEtcdConfig({ ...base, ETCD_CACERT: missing })).toThrow(
      `ETCD_CACERT=${missing} cannot be read (ENOENT)`,
    );
    expect(() => readEtcdConfig({ ...base, ETCDCTL_CACERT: missing })).toThrow(/^ETCDCTL_CACERT=/);
    expect(() => readEtcdConfig({ ...base, ETCD_CERT: missing, ETCD_KEY: key })).toThrow(
      /^ETCD_CERT=.* cannot be read/,
    );
    expect(() => readEtcdConfig({ ...base, ETCDCTL_CERT: cert, ETCDCTL_KEY: dir })).toThrow(
      /^ETCDCTL_KEY=.* cannot be read \(EISDIR\)/,
    );
  });

  it("a cert without its key, or a key without its cert, is an error", () => {
    const base = { ETCD_ENDPOINTS: "https://a:1", ETCD_CACERT: ca };
    expect(() => readEtcdConfig({ ...base, ETCD_CERT: cert })).toThrow(
      /^ETCD_CERT is set but neither ETCD_KEY nor ETCDCTL_KEY is/,
    );
    expect(() => readEtcdConfig({ ...base, ETCDCTL_KEY: key })).toThrow(
      /^ETCDCTL_KEY is set but neither ETCD_CERT nor ETCDCTL_CERT is/,
    );
    // mixing the two families is fine as long as both halves are there
    expect(
      readEtcdConfig({ ...base, ETCD_CERT: cert, ETCDCTL_KEY: key }).tls?.privateKey,
    ).toBeTruthy();
  });
});

describe("readEtcdConfig: auth", () => {
  const base = { ETCD_ENDPOINTS: "http://a:1" };
  it("none by default", () => {
    expect(readEtcdConfig(base).auth).toBeUndefined();
  });

  it("ETCD_USERNAME/ETCD_PASSWORD win over ETCDCTL_USER", () => {
    const env = { ...base, ETCD_USERNAME: "u", ETCD_PASSWORD: "p", ETCDCTL_USER: "x:y" };
    expect(readEtcdConfig(env).auth).toEqual({ username: "u", password: "p" });
  });

  it("splits ETCDCTL_USER=user:pass at the first colon", () => {
    const env = { ...base, ETCDCTL_USER: "root:pa:ss" };
    expect(readEtcdConfig(env).auth).toEqual({ username: "root", password: "pa:ss" });
  });

  it("ETCDCTL_USER without a colon takes ETCDCTL_PASSWORD", () => {
    const env = { ...base, ETCDCTL_USER: "root", ETCDCTL_PASSWORD: "secret" };
    expect(readEtcdConfig(env).auth).toEqual({ username: "root", password: "secret" });
  });
});
