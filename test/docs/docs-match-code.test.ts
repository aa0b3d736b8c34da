import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  compareQuerySchema,
  deleteKvQuerySchema,
  exportQuerySchema,
  importQuerySchema,
  ERROR_STATUS,
  getKvQuerySchema,
  leaseTtlQuerySchema,
  listLeasesQuerySchema,
  locksQuerySchema,
  rangeQuerySchema,
  searchQuerySchema,
  statsQuerySchema,
  snapshotQuerySchema,
  treeQuerySchema,
  historyQuerySchema,
  changesQuerySchema,
  watchQuerySchema,
} from "@/lib/contract";
import { API_ROUTE_METHODS } from "@/lib/http/api-methods";

// docs/ describes the contract as built; these checks fail when a route, method, query
// parameter, error code or SSE event is added or removed on one side only.

const root = path.resolve(import.meta.dirname, "../..");
const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");

/** The lines of `doc` from the heading `from` up to the next heading of the same level. */
function section(doc: string, from: string): string[] {
  const lines = doc.split("\n");
  const start = lines.indexOf(from);
  expect(start, `heading "${from}"`).toBeGreaterThanOrEqual(0);
  const level = from.split(" ")[0];
  const end = lines.findIndex((l, i) => i > start && l.startsWith(`${level} `));
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

/** The first cells of a markdown table's body rows, as written. */
function firstCells(lines: string[]): string[] {
  return lines
    .filter((l) => l.startsWith("| ") && !/^\| -/.test(l))
    .slice(1) // the header row
    .map((l) => l.split(" | ")[0].slice(2).trim());
}

describe("docs/http-api.md", () => {
  const doc = read("docs/http-api.md");

  it("lists exactly the routes and methods the API serves", () => {
    const documented = firstCells(section(doc, "## Routes")).flatMap((cell) => {
      const route = /\/[a-z{}/-]+/.exec(cell)![0];
      const methods = cell.slice(0, cell.indexOf(route)).match(/\b[A-Z]{3,}\b/g) ?? [];
      return methods.map((m) => `${m} /api/v1${route}`);
    });
    const served = Object.entries(API_ROUTE_METHODS).flatMap(([route, methods]) =>
      methods.map((m) => `${m} ${route.replace(/\[(\w+)\]/g, "{$1}")}`),
    );
    expect([...new Set(documented)].sort()).toEqual(served.sort());
  });

  it("lists exactly the error codes, with their statuses", () => {
    const documented = firstCells(section(doc, "## Conventions")).map((cell) => {
      const code = cell.replace(/`/g, "");
      const row = doc.split("\n").find((l) => l.startsWith(`| ${cell} `))!;
      return [code, Number(row.split(" | ")[1])];
    });
    expect(Object.fromEntries(documented)).toEqual(ERROR_STATUS);
  });

  it.each([
    ["GET /kv", getKvQuerySchema],
    ["DELETE /kv", deleteKvQuerySchema],
    ["GET /tree", treeQuerySchema],
    ["GET /range", rangeQuerySchema],
    ["GET /leases", listLeasesQuerySchema],
    ["GET /leases/ttl", leaseTtlQuerySchema],
    ["GET /search", searchQuerySchema],
    ["GET /stats", statsQuerySchema],
    ["GET /history", historyQuerySchema],
    ["GET /changes", changesQuerySchema],
    ["GET /locks", locksQuerySchema],
    ["GET /cluster/snapshot", snapshotQuerySchema],
    ["GET /export", exportQuerySchema],
    ["POST /import", importQuerySchema],
    ["GET /compare", compareQuerySchema],
  ])("names every query parameter of %s", (route, schema) => {
    const [method, routePath] = route.split(" ");
    // A route may take two rows (DELETE /kv by key, by prefix): its parameters are their union.
    const row = section(doc, "## Routes")
      .filter((l) => new RegExp(`^\\| \`${method}(\`, \`HEAD)? ${routePath}[?\\[\`]`).test(l))
      .join("\n");
    expect(row, route).not.toBe("");
    for (const param of Object.keys(schema.shape)) {
      expect(row, `${route} ${param}`).toMatch(new RegExp(`[?&\\[]${param}\\b`));
    }
  });
});

describe("docs/watch-protocol.md", () => {
  const doc = read("docs/watch-protocol.md");

  it("lists exactly the SSE events the gateway sends", () => {
    const documented = firstCells(section(doc, "## Events")).map((cell) => cell.replace(/`/g, ""));
    const source = read("lib/http/watch-response.ts");
    const sent = [...source.matchAll(/(?:send|sseFrame)\(\s*"(\w+)"/g)].map((m) => m[1]);
    expect(sent.length).toBeGreaterThan(3);
    expect(documented.sort()).toEqual([...new Set(sent)].sort());
  });

  it("names every query parameter of the watch", () => {
    const request = section(doc, "## Request").join("\n");
    for (const param of Object.keys(watchQuerySchema.shape)) {
      expect(request, param).toMatch(new RegExp(`[?&\\[]${param}\\b`));
    }
  });
});

describe("docs/search.md", () => {
  const doc = read("docs/search.md");

  it("lists exactly the SSE events search and stats send", () => {
    const documented = firstCells(section(doc, "## Events")).map((cell) => cell.replace(/`/g, ""));
    const source = ["lib/http/scan-stream.ts", "app/api/v1/search/route.ts"].map(read).join("\n");
    const sent = [...source.matchAll(/send\(\s*"(\w+)"/g)].map((m) => m[1]);
    expect(documented.sort()).toEqual([...new Set(sent)].sort());
  });
});

describe("docstrings that list what the code has", () => {
  it("AppHeader's docstring names every main nav link (name and href)", () => {
    const source = read("components/app-header.tsx");
    const pages = [...source.matchAll(/\{ href: "([^"]+)", name: "([^"]+)" \}/g)];
    expect(pages.length).toBeGreaterThan(5);
    const doc = source.slice(
      source.indexOf("/**\n * The top bar"),
      source.indexOf("export function AppHeader"),
    );
    const flat = doc.replace(/\s*\n\s*\*\s*/g, " ");
    for (const [, href, name] of pages) {
      expect(flat, name).toContain(`${name} (\`${href}\`)`);
    }
  });

  it("GET /changes is documented as the two listings with values it reads", () => {
    const route = read("app/api/v1/changes/route.ts");
    const row = read("docs/http-api.md")
      .split("\n")
      .find((l) => l.startsWith("| `GET /changes"))!;
    for (const text of [route, row]) {
      expect(text).not.toMatch(/keys-only/);
      expect(text).toMatch(/Ranges with values|listings of P with values/);
    }
  });
});
