import { Encoder } from "cbor-x";
import { describe, expect, it } from "vitest";
import { decodeKubernetesValue } from "@/lib/kubernetes/decode-value";
import { encodeKubernetesObject } from "@/lib/kubernetes/encode";
import { formatDuration } from "@/lib/kubernetes/well-known";
import { WireWriter } from "@/lib/kubernetes/wire-writer";

/** decodeKubernetesValue, typed loosely for reading into the result. */
const decode = async (...args: Parameters<typeof decodeKubernetesValue>): Promise<any> =>
  decodeKubernetesValue(...args);

const MAGIC = Uint8Array.of(0x6b, 0x38, 0x73, 0x00);
const text = (s: string) => new TextEncoder().encode(s);
const concat = (...parts: Uint8Array[]) => Uint8Array.from(Buffer.concat(parts));

/** A message built field by field, independent of the encoder under test. */
function msg(build: (w: WireWriter) => void): Uint8Array {
  const w = new WireWriter();
  build(w);
  return w.finish();
}

/** `k8s\0` + runtime.Unknown{typeMeta{apiVersion, kind}, raw}. */
function envelope(apiVersion: string, kind: string, raw: Uint8Array): Uint8Array {
  const typeMeta = msg((w) => {
    w.stringField(1, apiVersion);
    w.stringField(2, kind);
  });
  return concat(
    MAGIC,
    msg((w) => {
      w.bytesField(1, typeMeta);
      w.bytesField(2, raw);
    }),
  );
}

const objectMeta = (name: string, namespace: string) =>
  msg((w) => {
    w.stringField(1, name);
    w.stringField(3, namespace);
    w.bytesField(
      8,
      msg((t) => t.varintField(1, 1_700_000_000)),
    ); // creationTimestamp
  });

describe("protobuf envelope (k8s\\0 + runtime.Unknown)", () => {
  it("decodes a hand-built ConfigMap to the JSON kubectl prints", async () => {
    // ConfigMap (core/v1): metadata = 1, data = 2 (map<string,string>), binaryData = 3.
    const raw = msg((w) => {
      w.bytesField(1, objectMeta("settings", "default"));
      for (const [k, v] of [
        ["b", "2"],
        ["a", "1"],
      ])
        w.bytesField(
          2,
          msg((e) => (e.stringField(1, k), e.stringField(2, v))),
        );
      w.bytesField(
        3,
        msg((e) => (e.stringField(1, "bin"), e.bytesField(2, Uint8Array.of(0, 255)))),
      );
    });
    const decoded = await decode(envelope("v1", "ConfigMap", raw));
    expect(decoded).toStrictEqual({
      format: "kubernetes",
      apiVersion: "v1",
      kind: "ConfigMap",
      schemaKnown: true,
      object: {
        kind: "ConfigMap",
        apiVersion: "v1",
        metadata: {
          name: "settings",
          namespace: "default",
          creationTimestamp: "2023-11-14T22:13:20Z",
        },
        data: { a: "1", b: "2" },
        binaryData: { bin: "AP8=" },
      },
    });
    // Go sorts map keys.
    expect(Object.keys((decoded as { object: { data: object } }).object.data)).toEqual(["a", "b"]);
  });

  it("prints Go zero values for absent fields without omitempty, and omits the rest", async () => {
    // Service spec.ports[0]: ServicePort.port (3) has no omitempty → 0; name (1) has → omitted.
    const port = msg((w) => w.stringField(2, "TCP"));
    const raw = msg((w) => {
      w.bytesField(1, objectMeta("web", "default"));
      w.bytesField(
        2,
        msg((s) => s.bytesField(1, port)),
      );
    });
    const decoded = await decode(envelope("v1", "Service", raw));
    const spec = (decoded as { object: { spec: { ports: unknown[] } } }).object.spec;
    expect(spec.ports).toStrictEqual([{ protocol: "TCP", port: 0, targetPort: 0 }]);
    // status is a non-pointer struct: present as {loadBalancer: {}} even when absent.
    expect((decoded as { object: { status: unknown } }).object.status).toStrictEqual({
      loadBalancer: {},
    });
  });

  it("writes int64 values past 2^53 as decimal strings, negatives int32 correctly", async () => {
    const raw = msg((w) => {
      w.bytesField(
        1,
        msg((m) => (m.stringField(1, "x"), m.varintField(7, 2n ** 62n))),
      );
      w.bytesField(
        2,
        msg((s) => s.varintField(5, -5)),
      ); // DeploymentSpec.minReadySeconds = 5
    });
    const d = await decode(envelope("apps/v1", "Deployment", raw));
    const o = (
      d as { object: { metadata: { generation: unknown }; spec: { minReadySeconds: number } } }
    ).object;
    expect(o.metadata.generation).toBe("4611686018427387904");
    expect(o.spec.minReadySeconds).toBe(-5);
  });

  it("returns nothing (not an error) for bytes after the magic that are not protobuf", async () => {
    expect(await decode(concat(MAGIC, Uint8Array.of(0x0a, 0x7f, 0x01)))).toBe(undefined);
  });
});

describe("objects from the project's own encoder", () => {
  const pod = {
    kind: "Pod",
    apiVersion: "v1",
    metadata: {
      name: "web-0",
      namespace: "default",
      uid: "8d3c7e1a-0000-4000-8000-000000000001",
      creationTimestamp: "2026-01-02T03:04:05Z",
      labels: { app: "web" },
    },
    spec: {
      containers: [
        {
          name: "nginx",
          image: "nginx:1.27",
          ports: [{ containerPort: 80, protocol: "TCP" }],
          resources: { limits: { cpu: "500m", memory: "128Mi" } },
          livenessProbe: { httpGet: { path: "/", port: "http" }, periodSeconds: 10 },
        },
      ],
      terminationGracePeriodSeconds: 30,
    },
    status: { phase: "Running", startTime: "2026-01-02T03:04:06Z" },
  };

  it("round-trips a Pod with quantities, int-or-string and times", async () => {
    const d = await decode(await encodeKubernetesObject(pod));
    expect(d).toMatchObject({ format: "kubernetes", apiVersion: "v1", kind: "Pod" });
    expect((d as { object: unknown }).object).toStrictEqual(pod);
  });

  it("decodes MicroTime with 6 digits and Duration as Go prints it", async () => {
    const lease = {
      kind: "Lease",
      apiVersion: "coordination.k8s.io/v1",
      metadata: { name: "node-a", namespace: "kube-node-lease" },
      spec: {
        holderIdentity: "node-a",
        leaseDurationSeconds: 40,
        renewTime: "2026-01-02T03:04:05.123456Z",
      },
    };
    const d = await decode(await encodeKubernetesObject(lease));
    expect((d as { object: unknown }).object).toStrictEqual(lease);
    expect(
      [0n, 300_000_000n, 1500n, 3_723_500_000_000n, -2_000_000_000n].map(formatDuration),
    ).toEqual(["0s", "300ms", "1.5µs", "1h2m3.5s", "-2s"]);
  });
});

describe("unknown kinds and fields are kept, not dropped", () => {
  it("lists a field a newer Kubernetes added beside the decoded object", async () => {
    const spec = msg((s) => {
      s.bytesField(99, text("from-the-future"));
      s.varintField(98, 7);
    });
    const raw = msg((w) => {
      w.bytesField(1, objectMeta("p", "default"));
      w.bytesField(2, spec);
    });
    const d = await decode(envelope("v1", "Pod", raw));
    expect(d).toMatchObject({ format: "kubernetes", schemaKnown: true });
    const { object, unknownFields } = d as { object: { metadata: object }; unknownFields: unknown };
    expect(object.metadata).toMatchObject({ name: "p", namespace: "default" });
    expect(unknownFields).toStrictEqual([
      {
        path: "spec",
        field: 99,
        wireType: 2,
        value: Buffer.from("from-the-future").toString("hex"),
        text: "from-the-future",
      },
      { path: "spec", field: 98, wireType: 0, value: "7" },
    ]);
  });

  it("keeps a field that arrives with a different wire type than the schema says", async () => {
    // ObjectMeta.name (1) is a string; a varint there is not silently read as text.
    const raw = msg((w) =>
      w.bytesField(
        1,
        msg((m) => m.varintField(1, 5)),
      ),
    );
    const d = await decode(envelope("v1", "Pod", raw));
    expect((d as { unknownFields: unknown }).unknownFields).toStrictEqual([
      { path: "metadata", field: 1, wireType: 0, value: "5" },
    ]);
  });

  it("shows a kind with no schema generically, with its type from the envelope", async () => {
    const raw = msg((w) => {
      w.bytesField(1, objectMeta("w", "ns"));
      w.varintField(2, 3);
    });
    const d = await decode(envelope("example.dev/v9", "Widget", raw));
    expect(d).toMatchObject({
      format: "kubernetes",
      apiVersion: "example.dev/v9",
      kind: "Widget",
      schemaKnown: false,
      object: { kind: "Widget", apiVersion: "example.dev/v9" },
    });
    expect((d as { unknownFields: { field: number }[] }).unknownFields.map((u) => u.field)).toEqual(
      [1, 2],
    );
  });
});

describe("encrypted values", () => {
  it.each([
    ["k8s:enc:aescbc:v1:key1:", "aescbc", "v1", "key1"],
    ["k8s:enc:aesgcm:v1:rotated-2026:", "aesgcm", "v1", "rotated-2026"],
    ["k8s:enc:secretbox:v1:sb:", "secretbox", "v1", "sb"],
    ["k8s:enc:kms:v2:vault-plugin:", "kms", "v2", "vault-plugin"],
  ])("labels %s", async (prefix, provider, version, keyName) => {
    const value = concat(text(prefix), Uint8Array.of(0x00, 0x9f, 0xff, 0x10));
    expect(await decode(value)).toStrictEqual({
      format: "kubernetes-encrypted",
      provider,
      version,
      keyName,
      prefixLength: prefix.length,
    });
  });

  it("does not label text that only starts like it", async () => {
    expect(await decode(text("k8s:enc:aescbc"))).toBeUndefined();
  });
});

describe("CBOR and JSON custom resources", () => {
  const cr = {
    apiVersion: "stable.example.com/v1",
    kind: "CronTab",
    metadata: { name: "a" },
    spec: { replicas: 2 },
  };

  it("decodes CBOR behind the self-described tag (d9 d9 f7)", async () => {
    const body = new Encoder({ useRecords: false }).encode(cr);
    const d = await decode(concat(Uint8Array.of(0xd9, 0xd9, 0xf7), body));
    expect(d).toStrictEqual({
      format: "kubernetes-cbor",
      apiVersion: cr.apiVersion,
      kind: "CronTab",
      object: cr,
    });
  });

  it("reads CBOR byte strings (how Go strings may be written) as text", async () => {
    // d9d9f7, map(2): bytes"kind" → bytes"X", text"apiVersion" → text"v1" (hand-built).
    const value = concat(
      Uint8Array.of(0xd9, 0xd9, 0xf7, 0xa2, 0x44),
      text("kind"),
      Uint8Array.of(0x41),
      text("X"),
      Uint8Array.of(0x6a),
      text("apiVersion"),
      Uint8Array.of(0x62),
      text("v1"),
    );
    expect(await decode(value)).toMatchObject({
      format: "kubernetes-cbor",
      kind: "X",
      object: { kind: "X", apiVersion: "v1" },
    });
  });

  it("recognises JSON objects under /registry/ only", async () => {
    const value = text(JSON.stringify(cr));
    expect(
      await decode(value, {
        key: text("/registry/stable.example.com/crontabs/default/a"),
      }),
    ).toStrictEqual({
      format: "kubernetes-json",
      apiVersion: cr.apiVersion,
      kind: "CronTab",
      object: cr,
    });
    expect(await decode(value, { key: text("/app/config") })).toBeUndefined();
    expect(await decode(text('{"a":1}'), { key: text("/registry/x") })).toBeUndefined();
  });
});

describe("hostile values", () => {
  it("keeps a CBOR map key named __proto__ as data", async () => {
    // d9d9f7, map(3): "apiVersion" → "v1", "kind" → "X", "__proto__" → {"polluted": true}
    const value = concat(
      Uint8Array.of(0xd9, 0xd9, 0xf7, 0xa3, 0x6a),
      text("apiVersion"),
      Uint8Array.of(0x62),
      text("v1"),
      Uint8Array.of(0x64),
      text("kind"),
      Uint8Array.of(0x61),
      text("X"),
      Uint8Array.of(0x69),
      text("__proto__"),
      Uint8Array.of(0xa1, 0x68),
      text("polluted"),
      Uint8Array.of(0xf5),
    );
    const d = await decode(value);
    expect(Object.getPrototypeOf(d.object)).toBe(Object.prototype);
    expect(Object.hasOwn(d.object, "__proto__")).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
