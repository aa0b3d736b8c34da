import { describe, expect, it } from "vitest";
import type { KvDto } from "@/lib/contract";
import { keySuggestions, MAX_SUGGESTIONS } from "@/app/_components/jump/suggestions";

const kv = (key: string, keyEncoding: "utf8" | "base64" = "utf8"): KvDto => ({
  key,
  keyEncoding,
  value: "",
  valueEncoding: "utf8",
  createRevision: "1",
  modRevision: "1",
  version: "1",
  lease: null,
  valueSize: 0,
});

describe("keySuggestions", () => {
  it("offers keys one level down as keys, deeper ones as their folder, once each", () => {
    const got = keySuggestions("/config/ap", [
      kv("/config/app.json"),
      kv("/config/apps/a/1"),
      kv("/config/apps/a/2"),
      kv("/config/apps/b"),
      kv("/config/apx/"),
    ]);
    expect(got).toEqual([
      { kind: "key", text: "/config/app.json", encoding: "utf8" },
      { kind: "folder", text: "/config/apps/", encoding: "utf8" },
      { kind: "key", text: "/config/apx/", encoding: "utf8" },
    ]);
  });

  it("folds below a typed folder and from the root", () => {
    expect(keySuggestions("/config/", [kv("/config/a/b"), kv("/config/c")])).toEqual([
      { kind: "folder", text: "/config/a/", encoding: "utf8" },
      { kind: "key", text: "/config/c", encoding: "utf8" },
    ]);
    expect(keySuggestions("co", [kv("config/x"), kv("cow")])).toEqual([
      { kind: "folder", text: "config/", encoding: "utf8" },
      { kind: "key", text: "cow", encoding: "utf8" },
    ]);
  });

  it("offers binary keys whole and stops at the maximum", () => {
    expect(keySuggestions("/b", [kv("L2L/", "base64")])).toEqual([
      { kind: "key", text: "L2L/", encoding: "base64" },
    ]);
    const many = Array.from({ length: 20 }, (_, i) => kv(`/k${String(i).padStart(2, "0")}`));
    expect(keySuggestions("/k", many)).toHaveLength(MAX_SUGGESTIONS);
  });
});
