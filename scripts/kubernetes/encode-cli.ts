// Reads a Kubernetes object's JSON on stdin, writes its storage bytes (the project's encoder)
// as base64 on stdout. For tests that cannot load the encoder's JSON schema modules themselves
// (Playwright's loader): `tsx scripts/kubernetes/encode-cli.ts < pod.json`.
import { readFileSync } from "node:fs";
import { encodeKubernetesObject } from "../../lib/kubernetes/encode";

encodeKubernetesObject(JSON.parse(readFileSync(0, "utf8"))).then((bytes) =>
  process.stdout.write(Buffer.from(bytes).toString("base64")),
);
