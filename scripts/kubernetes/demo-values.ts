// The demo's /registry/ values (key → base64 bytes) from DEMO_OBJECTS and the project's encoder.
import { encodeKubernetesObject } from "../../lib/kubernetes/encode";
import { aescbcEncrypt, DEMO_OBJECTS } from "./demo-objects";

/** `[{key, value (base64)}]` in write order. */
export async function demoValues(): Promise<{ key: string; value: string }[]> {
  const out = [];
  for (const { key, object, storage } of DEMO_OBJECTS) {
    const bytes =
      storage === "json"
        ? Buffer.from(JSON.stringify(object))
        : Buffer.from(await encodeKubernetesObject(object));
    const value = storage === "aescbc" ? aescbcEncrypt(bytes, "key1") : bytes;
    out.push({ key, value: value.toString("base64") });
  }
  return out;
}
