// Writes scripts/lib/demo-kubernetes.json: the demo's /registry/ keys as kube-apiserver would
// store them, made by the project's own encoder. Run: npx tsx scripts/kubernetes/gen-demo.ts
// (test/kubernetes/demo.test.ts fails when the checked-in file is out of date).
import { writeFileSync } from "node:fs";
import path from "node:path";
import { demoValues } from "./demo-values";

const out = path.resolve(import.meta.dirname, "../lib/demo-kubernetes.json");
demoValues().then((values) => {
  writeFileSync(out, JSON.stringify(values, null, 2) + "\n");
  console.log(`${values.length} keys → ${out}`);
});
