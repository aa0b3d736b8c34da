import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as metrics from "@/app/api/v1/cluster/metrics/route";
import * as cluster from "@/app/api/v1/cluster/route";
import * as kv from "@/app/api/v1/kv/route";
import * as tree from "@/app/api/v1/tree/route";
import * as watch from "@/app/api/v1/watch/route";
import type { EtcdClients } from "@/lib/etcd/client";
import { closeMemberClients } from "@/lib/etcd/members";
import { closeAllFeeds } from "@/lib/etcd/watch/watch-hub";
import { healthy, startEtcd } from "../../scripts/lib/etcd-process.mjs";
import { call, q, uniquePrefix } from "../helpers/api";
import { openSse } from "../helpers/sse";
import { generateTlsCerts } from "../helpers/tls-certs";

// This file runs its own etcd that serves clients only over TLS and requires a client
// certificate (mTLS), with a throwaway CA made by openssl, and points the gateway at it via the
// same environment variables production uses.
const certs = generateTlsCerts();
const holder = globalThis as { __etcdExplorerClients?: EtcdClients };
const base = uniquePrefix("tls");
let etcd: Awaited<ReturnType<typeof startEtcd>>;
/** A second etcd with TLS but no client-certificate requirement. */
let tlsOnly: Awaited<ReturnType<typeof startEtcd>>;

const CONNECTION_VARS = ["ENDPOINTS", "CACERT", "CERT", "KEY"].flatMap((v) => [
  `ETCD_${v}`,
  `ETCDCTL_${v}`,
]);

/** Act out a gateway start with exactly `env` as its connection settings. */
function useEnv(env: Record<string, string>): void {
  closeAllFeeds();
  const old = holder.__etcdExplorerClients;
  delete holder.__etcdExplorerClients;
  for (const c of old ? [old.read, old.write, old.watch] : []) c.close();
  closeMemberClients();
  for (const name of CONNECTION_VARS) delete process.env[name];
  Object.assign(process.env, env);
}

const mtlsEnv = () => ({
  ETCD_ENDPOINTS: etcd.endpoint,
  ETCD_CACERT: certs.caFile,
  ETCD_CERT: certs.clientCertFile,
  ETCD_KEY: certs.clientKeyFile,
});

beforeAll(async () => {
  etcd = await startEtcd({
    dataDir: path.join(certs.dir, "etcd"),
    tls: {
      certFile: certs.serverCertFile,
      keyFile: certs.serverKeyFile,
      caFile: certs.caFile,
      clientCertAuth: true,
      clientCertFile: certs.clientCertFile,
      clientKeyFile: certs.clientKeyFile,
    },
  });
  tlsOnly = await startEtcd({
    dataDir: path.join(certs.dir, "etcd-tls-only"),
    tls: { certFile: certs.serverCertFile, keyFile: certs.serverKeyFile, caFile: certs.caFile },
  });
});
afterAll(async () => {
  useEnv({});
  await Promise.all([etcd?.stop(), tlsOnly?.stop()]);
  fs.rmSync(certs.dir, { recursive: true, force: true });
});

describe("a TLS etcd that requires client certificates", () => {
  it("serves https only and refuses a client without a certificate (the test's premise)", async () => {
    expect(etcd.endpoint).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const tls = { certFile: "", keyFile: "", caFile: certs.caFile };
    const withCert = {
      ...tls,
      clientCertFile: certs.clientCertFile,
      clientKeyFile: certs.clientKeyFile,
    };
    expect(await healthy(etcd.endpoint, withCert), "with the client cert").toBe(true);
    expect(await healthy(etcd.endpoint, tls), "without a client cert").toBe(false);
    expect(await healthy(etcd.endpoint.replace("https:", "http:")), "plain http").toBe(false);
    expect(await healthy(tlsOnly.endpoint, tls), "TLS-only etcd without a client cert").toBe(true);
  });

  it("ETCD_* variables: PUT, GET kv, tree and cluster all work over mTLS", async () => {
    useEnv(mtlsEnv());
    const key = `${base}env/a`;
    const put = await call(kv.PUT, "PUT", "/api/v1/kv", { key, value: "over tls" });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const got = await call(kv.GET, "GET", `/api/v1/kv?key=${q(key)}`);
    expect(got.status, JSON.stringify(got.body)).toBe(200);
    expect(got.body.kv).toMatchObject({ key, value: "over tls" });

    const listing = await call(tree.GET, "GET", `/api/v1/tree?prefix=${q(`${base}env/`)}`);
    expect(listing.status, JSON.stringify(listing.body)).toBe(200);
    expect(listing.body.children.map((c: { name: string }) => c.name)).toEqual(["a"]);

    // Members' Status goes through per-member clients built from the advertised https URL.
    const view = await call(cluster.GET, "GET", "/api/v1/cluster");
    expect(view.status, JSON.stringify(view.body)).toBe(200);
    expect(view.body.members).toHaveLength(1);
    const [member] = view.body.members;
    expect(member.clientUrls).toEqual([etcd.endpoint]);
    expect(member.error, "member status over TLS").toBeUndefined();
    expect(member.status.version).toMatch(/^3\./);
    expect(member.isLeader).toBe(true);
    expect(view.body.compactRevision, "the /metrics gauge is read over mTLS too").toBe("0");

    const m = await call(metrics.GET, "GET", "/api/v1/cluster/metrics");
    expect(m.status, JSON.stringify(m.body)).toBe(200);
    expect(m.body.members[0].error, "the dashboard's /metrics read over mTLS").toBeUndefined();
    expect(Number(m.body.members[0].figures.revision)).toBeGreaterThan(0);
  });

  it("an SSE watch over TLS receives a put", async () => {
    useEnv(mtlsEnv());
    const prefix = `${base}watch/`;
    const sse = await openSse(watch.GET, `/api/v1/watch?prefix=${q(prefix)}`);
    try {
      expect(sse.status).toBe(200);
      await sse.next((m) => m.event === "ready");
      const put = await call(kv.PUT, "PUT", "/api/v1/kv", { key: `${prefix}k`, value: "v" });
      expect(put.status, JSON.stringify(put.body)).toBe(200);
      const change = await sse.next((m) => m.event === "change");
      expect(change.data.events).toMatchObject([
        { type: "put", kv: { key: `${prefix}k`, value: "v" } },
      ]);
    } finally {
      sse.close();
    }
  });

  it("only the etcdctl names (ETCDCTL_ENDPOINTS, _CACERT, _CERT, _KEY) also work", async () => {
    useEnv({
      ETCDCTL_ENDPOINTS: etcd.endpoint.replace("https://", ""), // schemeless: https via the CA
      ETCDCTL_CACERT: certs.caFile,
      ETCDCTL_CERT: certs.clientCertFile,
      ETCDCTL_KEY: certs.clientKeyFile,
    });
    const key = `${base}etcdctl/a`;
    const put = await call(kv.PUT, "PUT", "/api/v1/kv", { key, value: "etcdctl names" });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const got = await call(kv.GET, "GET", `/api/v1/kv?key=${q(key)}`);
    expect(got.status, JSON.stringify(got.body)).toBe(200);
    expect(got.body.kv.value).toBe("etcdctl names");
  });

  it("the CA but no client certificate: a 503 within the 5 s deadline", async () => {
    useEnv({ ETCD_ENDPOINTS: etcd.endpoint, ETCD_CACERT: certs.caFile });
    const t0 = Date.now();
    const res = await call(kv.GET, "GET", `/api/v1/kv?key=${q(`${base}env/a`)}`);
    expect(Date.now() - t0).toBeLessThan(6_000);
    expect(res.status, JSON.stringify(res.body)).toBe(503);
    expect(res.body.error.code).toBe("etcd_unavailable");
    expect(res.body.error.message).toMatch(/rejected the TLS client certificate.*ETCD_CERT/);
  });

  it("a CA that didn't sign etcd's certificate: a 503 naming the certificate problem", async () => {
    useEnv({ ...mtlsEnv(), ETCD_CACERT: certs.otherCaFile });
    const t0 = Date.now();
    const res = await call(kv.GET, "GET", `/api/v1/kv?key=${q(`${base}env/a`)}`);
    expect(Date.now() - t0).toBeLessThan(6_000);
    expect(res.status, JSON.stringify(res.body)).toBe(503);
    expect(res.body.error.code).toBe("etcd_unavailable");
    expect(res.body.error.message).toMatch(
      /TLS certificate is not trusted \(unable to verify the first certificate\).*ETCD_CACERT/,
    );
  });
});

describe("a TLS etcd without client certificates", () => {
  it("ETCD_CACERT alone is enough: kv and the cluster view work", async () => {
    useEnv({ ETCD_ENDPOINTS: tlsOnly.endpoint, ETCD_CACERT: certs.caFile });
    const key = `${base}ca-only/a`;
    const put = await call(kv.PUT, "PUT", "/api/v1/kv", { key, value: "ca only" });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const view = await call(cluster.GET, "GET", "/api/v1/cluster");
    expect(view.status, JSON.stringify(view.body)).toBe(200);
    expect(view.body.members[0].clientUrls).toEqual([tlsOnly.endpoint]);
    expect(view.body.members[0].error).toBeUndefined();
  });

  it("https:// with no CA uses the system roots, which don't know the test CA: a clear 503", async () => {
    useEnv({ ETCD_ENDPOINTS: tlsOnly.endpoint });
    const res = await call(kv.GET, "GET", `/api/v1/kv?key=${q(`${base}ca-only/a`)}`);
    expect(res.status, JSON.stringify(res.body)).toBe(503);
    expect(res.body.error.message).toMatch(/TLS certificate is not trusted.*ETCD_CACERT/);
  });

  it("http:// to the TLS port: a 503, not a hang", async () => {
    useEnv({ ETCD_ENDPOINTS: tlsOnly.endpoint.replace("https:", "http:") });
    const t0 = Date.now();
    const res = await call(kv.GET, "GET", `/api/v1/kv?key=${q(`${base}ca-only/a`)}`);
    expect(Date.now() - t0).toBeLessThan(6_000);
    expect(res.status, JSON.stringify(res.body)).toBe(503);
    expect(res.body.error.code).toBe("etcd_unavailable");
  });
});

describe("invalid TLS settings", () => {
  it("answer 503 naming the variable instead of a generic 500", async () => {
    useEnv({ ETCD_ENDPOINTS: `${tlsOnly.endpoint},http://127.0.0.1:1` });
    const mixed = await call(kv.GET, "GET", `/api/v1/kv?key=${q(`${base}x`)}`);
    expect(mixed.status, JSON.stringify(mixed.body)).toBe(503);
    expect(mixed.body.error.message).toMatch(/settings are invalid: check ETCD_ENDPOINTS/);
    expect(mixed.body.error.message, "values stay in the server log").not.toContain("127.0.0.1");

    useEnv({ ETCD_ENDPOINTS: tlsOnly.endpoint, ETCDCTL_CACERT: path.join(certs.dir, "nope.pem") });
    const unreadable = await call(tree.GET, "GET", `/api/v1/tree?prefix=${q(base)}`);
    expect(unreadable.status, JSON.stringify(unreadable.body)).toBe(503);
    expect(unreadable.body.error.message).toMatch(/check ETCDCTL_CACERT/);
    expect(unreadable.body.error.message, "file paths stay in the server log").not.toContain(
      "nope",
    );
  });
});
