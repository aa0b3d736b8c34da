// The Kubernetes objects of the demo keyspace, as kubectl prints them. scripts/kubernetes/
// gen-demo.ts encodes them with the project's own encoder (lib/kubernetes/encode.ts) into
// scripts/lib/demo-kubernetes.json, which the demo seeding (plain Node) reads.
import { createCipheriv, createHash } from "node:crypto";

const created = "2026-01-05T09:00:00Z";
const meta = (name: string, namespace?: string, extra: Record<string, unknown> = {}) => ({
  name,
  ...(namespace && { namespace }),
  uid: uidOf(`${namespace ?? ""}/${name}`),
  creationTimestamp: created,
  ...extra,
});

/** A stable, UUID-shaped uid per object (the demo is reproducible byte for byte). */
function uidOf(seed: string): string {
  const h = createHash("sha256").update(seed).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const namespace = (name: string) => ({
  kind: "Namespace",
  apiVersion: "v1",
  metadata: meta(name, undefined, { labels: { "kubernetes.io/metadata.name": name } }),
  spec: { finalizers: ["kubernetes"] },
  status: { phase: "Active" },
});

const pod = (ns: string, name: string, app: string, image: string, port: number) => ({
  kind: "Pod",
  apiVersion: "v1",
  metadata: meta(name, ns, { labels: { app } }),
  spec: {
    containers: [
      {
        name: app,
        image,
        ports: [{ containerPort: port, protocol: "TCP" }],
        resources: { limits: { cpu: "500m", memory: "128Mi" }, requests: { cpu: "100m" } },
        readinessProbe: { httpGet: { path: "/", port, scheme: "HTTP" }, periodSeconds: 10 },
        terminationMessagePath: "/dev/termination-log",
        terminationMessagePolicy: "File",
        imagePullPolicy: "IfNotPresent",
      },
    ],
    restartPolicy: "Always",
    terminationGracePeriodSeconds: 30,
    dnsPolicy: "ClusterFirst",
    nodeName: "demo-node",
    schedulerName: "default-scheduler",
  },
  status: {
    phase: "Running",
    podIP: "10.244.0.12",
    startTime: "2026-01-05T09:00:02Z",
  },
});

/** The demo Secret before encryption (its `data` is base64, as the API serves it). */
const secret = {
  kind: "Secret",
  apiVersion: "v1",
  metadata: meta("db-credentials", "default"),
  data: {
    username: Buffer.from("checkout").toString("base64"),
    password: Buffer.from("not-a-real-password").toString("base64"),
  },
  type: "Opaque",
};

/**
 * The demo's aescbc key ("key1" in an EncryptionConfiguration): 32 bytes, published here, so
 * anyone can check the demo's ciphertext is the real format. Never a real cluster's key.
 */
export const DEMO_AESCBC_KEY = createHash("sha256").update("etcd-explorer demo key1").digest();

/**
 * kube-apiserver's aescbc format: `k8s:enc:aescbc:v1:<keyName>:` + IV (16 bytes) +
 * AES-256-CBC(PKCS#7) of the stored bytes. The IV is derived from the plaintext so the demo is
 * reproducible (the API server uses a random one).
 */
export function aescbcEncrypt(plain: Uint8Array, keyName: string): Buffer {
  const iv = createHash("sha256").update(plain).digest().subarray(0, 16);
  const c = createCipheriv("aes-256-cbc", DEMO_AESCBC_KEY, iv);
  return Buffer.concat([
    Buffer.from(`k8s:enc:aescbc:v1:${keyName}:`),
    iv,
    c.update(plain),
    c.final(),
  ]);
}

/** One demo entry: a protobuf object, an encrypted one, or a JSON-stored custom resource. */
export type DemoObject = {
  key: string;
  object: Record<string, unknown>;
  storage: "protobuf" | "aescbc" | "json";
};

/** Every Kubernetes object of the demo, in the order they are written. */
export const DEMO_OBJECTS: DemoObject[] = [
  { key: "/registry/namespaces/default", object: namespace("default"), storage: "protobuf" },
  {
    key: "/registry/namespaces/kube-system",
    object: namespace("kube-system"),
    storage: "protobuf",
  },
  {
    key: "/registry/pods/default/web-7d4b9c-x2k8p",
    object: pod("default", "web-7d4b9c-x2k8p", "web", "nginx:1.27", 80),
    storage: "protobuf",
  },
  {
    key: "/registry/pods/default/web-7d4b9c-q9m4z",
    object: pod("default", "web-7d4b9c-q9m4z", "web", "nginx:1.27", 80),
    storage: "protobuf",
  },
  {
    key: "/registry/pods/kube-system/coredns-5d78c9-7hj2f",
    object: pod("kube-system", "coredns-5d78c9-7hj2f", "coredns", "coredns/coredns:1.11.1", 8181),
    storage: "protobuf",
  },
  {
    key: "/registry/configmaps/kube-system/coredns",
    object: {
      kind: "ConfigMap",
      apiVersion: "v1",
      metadata: meta("coredns", "kube-system"),
      data: { Corefile: ".:53 {\n    errors\n    health\n    forward . /etc/resolv.conf\n}\n" },
    },
    storage: "protobuf",
  },
  {
    key: "/registry/leases/kube-node-lease/demo-node",
    object: {
      kind: "Lease",
      apiVersion: "coordination.k8s.io/v1",
      metadata: meta("demo-node", "kube-node-lease"),
      spec: {
        holderIdentity: "demo-node",
        leaseDurationSeconds: 40,
        renewTime: "2026-01-05T09:14:07.512345Z",
      },
    },
    storage: "protobuf",
  },
  { key: "/registry/secrets/default/db-credentials", object: secret, storage: "aescbc" },
  {
    key: "/registry/stable.example.com/crontabs/default/nightly-report",
    object: {
      apiVersion: "stable.example.com/v1",
      kind: "CronTab",
      metadata: meta("nightly-report", "default"),
      spec: { cronSpec: "0 2 * * *", image: "reporter:3.2" },
    },
    storage: "json",
  },
];
