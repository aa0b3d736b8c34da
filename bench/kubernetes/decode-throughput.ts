// In-process decode throughput, run by bench/kubernetes/run.mjs through tsx (the decoder is
// TypeScript): every fixture kind, and a keyspace of N distinct pods. Prints one JSON line with
// the figures; with --write-pods=FILE also writes each pod's key and bytes (`key<TAB>base64` lines).
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { decodeKubernetesValue } from "../../lib/kubernetes/decode-value";
import { encodeKubernetesObject } from "../../lib/kubernetes/encode";

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => a.replace(/^--/, "").split("=") as [string, string]),
);
const pods = Number(args.pods ?? 10_000);
const root = path.resolve(import.meta.dirname, "../..");
const fixtures =
  process.env.K8S_FIXTURES_DIR ?? path.resolve(root, "../shared/fixtures/kubernetes");

/** A pod as a Deployment's ReplicaSet would make it, numbered `i`. */
function pod(i: number) {
  const name = `web-7d4b9c-${i.toString(36).padStart(5, "0")}`;
  return {
    kind: "Pod",
    apiVersion: "v1",
    metadata: {
      name,
      generateName: "web-7d4b9c-",
      namespace: `team-${i % 20}`,
      uid: `5c2f0a1e-0000-4000-8000-${String(i).padStart(12, "0")}`,
      creationTimestamp: "2026-01-05T09:00:00Z",
      labels: { app: "web", "pod-template-hash": "7d4b9c" },
      ownerReferences: [
        {
          apiVersion: "apps/v1",
          kind: "ReplicaSet",
          name: "web-7d4b9c",
          uid: "0a1b",
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      containers: [
        {
          name: "web",
          image: "nginx:1.27",
          ports: [{ containerPort: 80, protocol: "TCP" }],
          env: [{ name: "MODE", value: "production" }],
          resources: {
            limits: { cpu: "500m", memory: "128Mi" },
            requests: { cpu: "100m", memory: "64Mi" },
          },
          readinessProbe: {
            httpGet: { path: "/healthz", port: 80, scheme: "HTTP" },
            periodSeconds: 10,
          },
          terminationMessagePath: "/dev/termination-log",
          terminationMessagePolicy: "File",
          imagePullPolicy: "IfNotPresent",
        },
      ],
      restartPolicy: "Always",
      terminationGracePeriodSeconds: 30,
      dnsPolicy: "ClusterFirst",
      serviceAccountName: "default",
      nodeName: `node-${i % 50}`,
      schedulerName: "default-scheduler",
      tolerations: [
        {
          key: "node.kubernetes.io/not-ready",
          operator: "Exists",
          effect: "NoExecute",
          tolerationSeconds: 300,
        },
      ],
    },
    status: {
      phase: "Running",
      conditions: [{ type: "Ready", status: "True", lastTransitionTime: "2026-01-05T09:00:05Z" }],
      hostIP: "10.0.0.4",
      podIP: `10.244.${i % 250}.${i % 200}`,
      startTime: "2026-01-05T09:00:01Z",
      containerStatuses: [
        {
          name: "web",
          ready: true,
          restartCount: 0,
          image: "nginx:1.27",
          imageID: "docker.io/library/nginx@sha256:0",
          containerID: "containerd://0",
          started: true,
          state: { running: { startedAt: "2026-01-05T09:00:03Z" } },
        },
      ],
    },
  };
}

async function timeDecode(values: Uint8Array[], rounds: number) {
  for (const v of values) await decodeKubernetesValue(v); // warm-up: schema loads, JIT
  const t0 = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) for (const v of values) await decodeKubernetesValue(v);
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  const bytes = values.reduce((n, v) => n + v.length, 0) * rounds;
  return {
    objects: values.length * rounds,
    secs,
    perSec: (values.length * rounds) / secs,
    mbPerSec: bytes / secs / 1e6,
  };
}

async function main() {
  const out: Record<string, unknown> = {};
  if (existsSync(fixtures)) {
    const files = readdirSync(fixtures).filter((f) => f.endsWith(".pb"));
    const values = files.map((f) => new Uint8Array(readFileSync(path.join(fixtures, f))));
    out.fixtures = { kinds: files.length, ...(await timeDecode(values, 5)) };
  } else out.fixtures = { skipped: `no fixtures at ${fixtures}` };

  const encoded: Uint8Array[] = [];
  for (let i = 0; i < pods; i++) encoded.push(await encodeKubernetesObject(pod(i)));
  out.pods = {
    count: pods,
    avgBytes: Math.round(encoded.reduce((n, v) => n + v.length, 0) / pods),
    ...(await timeDecode(encoded, 1)),
  };
  // One typical pod, decoded alone many times: the CPU a GET /kv adds.
  const one = await timeDecode([encoded[0]], 2000);
  out.onePodMs = (one.secs / one.objects) * 1000;
  if (args["write-pods"]) {
    const lines = encoded.map((v, i) => {
      const m = pod(i).metadata;
      return `/registry/pods/${m.namespace}/${m.name}\t${Buffer.from(v).toString("base64")}`;
    });
    writeFileSync(args["write-pods"], lines.join("\n"));
  }
  console.log(JSON.stringify(out));
}

void main();
