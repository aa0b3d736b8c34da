import { describe, expect, it } from "vitest";
import { suggestParams } from "@/app/_components/jump/use-key-suggestions";
import { searchUrl, type SearchForm } from "@/app/_components/search/search-request";
import { statsUrl } from "@/app/_components/space/space-model";

const form: SearchForm = {
  q: "x",
  mode: "substring",
  values: false,
  prefix: "",
  caseSensitive: false,
};

/** The query of a gateway URL as an object. */
const query = (url: string) => Object.fromEntries(new URL(url, "http://h").searchParams);

describe("reads of the explorer's past view carry its revision", () => {
  it("search", () => {
    expect(query(searchUrl(form, "42"))).toEqual({ q: "x", revision: "42" });
    expect(query(searchUrl(form, null))).toEqual({ q: "x" });
  });

  it("Analyze space (stats)", () => {
    const folder = { prefix: "/a/", prefixEncoding: "utf8" } as const;
    expect(query(statsUrl(folder, "9007199254740993"))).toEqual({
      prefix: "/a/",
      revision: "9007199254740993",
    });
    expect(query(statsUrl(folder, null))).toEqual({ prefix: "/a/" });
  });

  it("jump-to-key suggestions (range)", () => {
    expect(suggestParams("/a", "7")).toEqual({
      prefix: "/a",
      keysOnly: 1,
      limit: 50,
      revision: "7",
    });
    expect(suggestParams("/a", null)).not.toHaveProperty("revision");
  });
});
