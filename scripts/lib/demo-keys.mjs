// The static part of the demo keyspace (no leases): config in JSON and YAML, a binary value,
// a key without a leading slash and Kubernetes objects under /registry/ (see kubernetesKeys).
import { readFileSync } from "node:fs";

const WELCOME = `Welcome to etcd Explorer!

This etcd was started by \`npm start\` and filled with a small demo keyspace:
  /services/<name>/<instance>   live service registrations, each on a kept-alive lease
  /config/                      JSON and YAML configuration (try editing one)
  /blobs/logo.bin               a binary value (shown as hex)
  /registry/                    Kubernetes objects as the API server stores them (decoded)
  /election/scheduler/          a leader election: the lowest createRevision leads
  welcome                       this key: keys need not start with "/"

Everything you change is kept in .data/etcd across restarts; delete .data/ to start over.
`;

const APP_JSON = {
  name: "checkout",
  environment: "staging",
  http: { port: 8080, readTimeoutMs: 5000, cors: ["https://shop.example.com"] },
  logging: { level: "info", format: "json" },
  replicas: 3,
};

const FEATURE_FLAGS = {
  newCheckout: { enabled: true, rollout: 0.25 },
  darkMode: { enabled: true },
  recommendations: { enabled: false, reason: "waiting for model v2" },
};

const DATABASE_YAML = `# Primary database for the checkout service
primary:
  host: db-0.db.internal
  port: 5432
  database: checkout
  pool:
    min: 2
    max: 20
replicas:
  - host: db-1.db.internal
    port: 5432
  - host: db-2.db.internal
    port: 5432
ssl: require
`;

/** A 1×1 transparent PNG: starts with 0x89, so it is not valid UTF-8. */
const LOGO_PNG = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082",
  "hex",
);

/**
 * Kubernetes objects under /registry/ (a namespace, pods, a configmap, a lease, a Secret
 * encrypted with aescbc "key1", a JSON-stored custom resource), stored as kube-apiserver stores
 * them. The bytes come from the project's own encoder: scripts/kubernetes/gen-demo.ts.
 * @returns {{ key: string, value: Buffer }[]}
 */
function kubernetesKeys() {
  const file = new URL("./demo-kubernetes.json", import.meta.url);
  /** @type {{ key: string, value: string }[]} */
  const entries = JSON.parse(readFileSync(file, "utf8"));
  return entries.map(({ key, value }) => ({ key, value: Buffer.from(value, "base64") }));
}

/**
 * The demo's static keys, in the order they are written (each put gets its own revision).
 * @returns {{ key: string, value: string | Buffer }[]} keys and values (Buffer for binary)
 */
export function demoKeys() {
  return [
    { key: "welcome", value: WELCOME },
    { key: "/config/app.json", value: JSON.stringify(APP_JSON, null, 2) },
    { key: "/config/feature-flags.json", value: JSON.stringify(FEATURE_FLAGS, null, 2) },
    { key: "/config/database.yaml", value: DATABASE_YAML },
    { key: "/config/motd.txt", value: "Deploy freeze on Fridays after 15:00.\n" },
    { key: "/blobs/logo.bin", value: LOGO_PNG },
    ...kubernetesKeys(),
  ];
}
