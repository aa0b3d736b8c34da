import { describe, expect, it } from "vitest";
import { isRegistryKey, isRegistryKeyText, prefixTouchesRegistry } from "@/lib/kubernetes/registry";

const b64 = (s: string | Buffer) => Buffer.from(s).toString("base64");

describe("the UI's /registry/ test (isRegistryKeyText) agrees with the gateway's guard", () => {
  it("utf8 keys", () => {
    expect(isRegistryKeyText("/registry/pods/default/web", "utf8")).toBe(true);
    expect(isRegistryKeyText("/registry/", "utf8")).toBe(true);
    expect(isRegistryKeyText("/registry", "utf8")).toBe(false);
    expect(isRegistryKeyText("/regional/x", "utf8")).toBe(false);
    expect(isRegistryKeyText("registry/pods", "utf8")).toBe(false);
  });

  it("base64 keys, including ones that are not UTF-8, and bad base64", () => {
    const binary = Buffer.concat([Buffer.from("/registry/secrets/"), Buffer.from([0xff, 0xfe])]);
    expect(isRegistryKeyText(b64(binary), "base64")).toBe(true);
    expect(isRegistryKeyText(b64("/registry/x"), "base64")).toBe(true);
    expect(isRegistryKeyText(b64("/other/x"), "base64")).toBe(false);
    expect(isRegistryKeyText("not base64!", "base64")).toBe(false);
    for (const k of [binary, Buffer.from("/registry/x"), Buffer.from("/reg")]) {
      expect(isRegistryKeyText(b64(k), "base64")).toBe(isRegistryKey(k));
    }
  });

  it("works on plain Uint8Arrays (no Buffer: the browser has none)", () => {
    const enc = new TextEncoder();
    expect(isRegistryKey(enc.encode("/registry/a"))).toBe(true);
    expect(isRegistryKey(enc.encode("/registr"))).toBe(false);
    expect(prefixTouchesRegistry(enc.encode("/reg"))).toBe(true);
    expect(prefixTouchesRegistry(enc.encode("/registry/pods/"))).toBe(true);
    expect(prefixTouchesRegistry(enc.encode("/regx"))).toBe(false);
    expect(prefixTouchesRegistry(new Uint8Array())).toBe(true);
  });
});
