import { describe, expect, it } from "vitest";
import { above, browserResumesExactly, fromRevisionOf, maxRevision } from "@/lib/live/watch-resume";

const URL = "/api/v1/watch?prefix=&prevKv=1";

describe("revision comparisons stay exact beyond 2^53", () => {
  it("orders int64 revisions that a JS number would round together", () => {
    expect(above("9007199254740993", "9007199254740992")).toBe(true);
    expect(above("9007199254740992", "9007199254740993")).toBe(false);
    expect(above("1", null)).toBe(true);
    expect(maxRevision("9007199254740993", "9007199254740992")).toBe("9007199254740993");
    expect(maxRevision(null, "7")).toBe("7");
    expect(maxRevision("7", null)).toBe("7");
    expect(maxRevision(null, null)).toBeNull();
  });
});

describe("the watch URL's fromRevision", () => {
  it("is read from the query; 0 or none means from now", () => {
    expect(fromRevisionOf(`${URL}&fromRevision=42`)).toBe("42");
    expect(fromRevisionOf(URL)).toBeNull();
    expect(fromRevisionOf(`${URL}&fromRevision=0`)).toBeNull();
  });
});

describe("whether the browser's own reconnect resumes right after the last revision", () => {
  it("does when its Last-Event-ID is the last revision (ready's id before any change)", () => {
    expect(browserResumesExactly("41", URL, "41")).toBe(true);
  });

  it("does not when no id arrived (a ready without id) and the URL watches from now", () => {
    expect(browserResumesExactly("", URL, "41")).toBe(false);
  });

  it("does, without an id, when the URL's fromRevision is the next revision", () => {
    expect(browserResumesExactly("", `${URL}&fromRevision=42`, "41")).toBe(true);
    expect(browserResumesExactly("", `${URL}&fromRevision=40`, "41")).toBe(false);
  });

  it("does not when the browser's id is behind the revision the tab has", () => {
    expect(browserResumesExactly("39", `${URL}&fromRevision=42`, "41")).toBe(false);
  });

  it("always does before the tab has any revision (from now either way)", () => {
    expect(browserResumesExactly("", URL, null)).toBe(true);
  });
});
