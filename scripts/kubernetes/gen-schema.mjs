#!/usr/bin/env node
// Generates lib/kubernetes/schema/*.json: the protobuf field numbers and JSON names of every
// Kubernetes API message, in this project's own compact form (see docs/kubernetes.md).
//
// Facts are read, at generation time only, from two upstream git checkouts (bare git dirs):
//   - kubernetes/api and kubernetes/apimachinery `generated.proto`: message names, field numbers,
//     proto scalar/message types, maps;
//   - the Go structs beside them (types.go and friends): the JSON name from the `json:` tag,
//     omitempty/omitzero, whether the Go field is a pointer, embedded (inline) structs, the order
//     of fields in the served JSON, and which messages wrap a Go slice (`type Verbs []string`).
// Nothing upstream is copied into the repository: only the derived descriptors, with the commits.
//
// usage: node scripts/kubernetes/gen-schema.mjs <kubernetes-api git dir> <apimachinery git dir>
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const [apiGit, machineryGit] = process.argv.slice(2);
if (!apiGit || !machineryGit) {
  console.error("usage: gen-schema.mjs <kubernetes/api git dir> <kubernetes/apimachinery git dir>");
  process.exit(2);
}
const outDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../lib/kubernetes/schema",
);

const git = (dir, ...args) =>
  execFileSync("git", ["--git-dir", dir, ...args], { encoding: "utf8", maxBuffer: 1 << 28 });

/** Every package directory holding a generated.proto, with the repository it came from. */
function packagesOf(dir, repo, importRoot) {
  const commit = git(dir, "rev-parse", "HEAD").trim();
  const files = git(dir, "ls-tree", "-r", "--name-only", "HEAD").split("\n");
  return files
    .filter((f) => f.endsWith("/generated.proto") && !f.includes("testapigroup"))
    .map((f) => {
      const pkgDir = path.posix.dirname(f);
      const goFiles = files.filter(
        (g) =>
          path.posix.dirname(g) === pkgDir &&
          g.endsWith(".go") &&
          !/(_test|generated\.pb|zz_generated|swagger_doc_generated|_fuzz)\.go$/.test(g) &&
          !path.posix.basename(g).startsWith("zz_"),
      );
      return { dir, repo, commit, pkgDir, importPath: `${importRoot}/${pkgDir}`, goFiles };
    });
}

const stripComments = (text) => text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");

/** Parses the messages of one generated.proto: name → [{name, number, label, type, key?}]. */
function parseProto(text) {
  const pkg = /^package\s+([\w.]+);/m.exec(text)[1];
  const messages = new Map();
  const body = stripComments(text);
  for (const m of body.matchAll(/^message\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    const fields = [];
    for (const f of m[2].matchAll(
      /^\s*(optional|repeated|required)?\s*(map<\s*([\w.]+)\s*,\s*([\w.]+)\s*>|[\w.]+)\s+(\w+)\s*=\s*(\d+)/gm,
    )) {
      const [, label, type, mapKey, mapValue, name, number] = f;
      fields.push(
        mapKey
          ? { name, number: +number, label: "map", type: mapValue, key: mapKey }
          : { name, number: +number, label: label ?? "optional", type },
      );
    }
    messages.set(m[1], fields);
  }
  return { pkg, messages };
}

/** Parses Go type declarations: struct fields with their tags, and named slice types. */
function parseGo(text) {
  const structs = new Map();
  const slices = new Set();
  const typeMeta = new Set();
  const src = stripComments(text);
  for (const m of src.matchAll(/^type\s+(\w+)\s+\[\](?!byte\b)\*?[\w.]+\s*$/gm)) slices.add(m[1]);
  for (const m of src.matchAll(/^type\s+(\w+)\s+struct\s*\{([\s\S]*?)^\}/gm)) {
    const fields = [];
    for (const line of m[2].split("\n")) {
      const t = /^\s*(?:(\w+)\s+)?(\S+?)\s+`([^`]*)`\s*$/.exec(line);
      if (!t) continue;
      const [, name, goType, tags] = t;
      const json = /json:"([^"]*)"/.exec(tags)?.[1];
      const pb = /protobuf:"([^"]*)"/.exec(tags)?.[1];
      if (json === "-") continue;
      if (!name && /^(\w+\.)?TypeMeta$/.test(goType)) typeMeta.add(m[1]);
      const [jsonName = "", ...opts] = (json ?? "").split(",");
      const pbParts = pb?.split(",") ?? [];
      fields.push({
        goName: name ?? goType.replace(/^\*/, "").replace(/^.*\./, ""),
        goType,
        embedded: !name,
        jsonName,
        omitempty: opts.includes("omitempty"),
        omitzero: opts.includes("omitzero"),
        inline: opts.includes("inline") || (!name && !jsonName),
        number: pb ? Number(pbParts[1]) : undefined,
      });
    }
    structs.set(m[1], fields);
  }
  return { structs, slices, typeMeta };
}

/** The group name: register.go's `const GroupName = "…"`, else `+groupName=` in doc.go (core: empty). */
function groupOf(pkg, goText) {
  const g = /const GroupName = "([\w.-]*)"/.exec(goText) ?? /\+groupName=([\w.-]*)/.exec(goText);
  return g ? g[1] : null;
}

const SCALARS = new Set([
  "string",
  "bool",
  "int32",
  "int64",
  "bytes",
  "double",
  "float",
  "uint32",
  "uint64",
]);

/** A field type in descriptor form: a scalar name, a bare message name (same package) or a full one. */
function typeRef(type, pkg, deps) {
  if (SCALARS.has(type)) return type;
  const full = type.startsWith(".") ? type.slice(1) : `${pkg}.${type}`;
  if (full.startsWith(`${pkg}.`)) return full.slice(pkg.length + 1);
  deps?.add(full.slice(0, full.lastIndexOf(".")));
  return full;
}

const packages = [
  ...packagesOf(apiGit, "kubernetes/api", "k8s.io/api"),
  ...packagesOf(machineryGit, "kubernetes/apimachinery", "k8s.io/apimachinery"),
];

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const index = { sources: {}, groups: {}, deps: {} };
const depsOf = {};
let messageCount = 0;
let unmatched = 0;

for (const p of packages) {
  index.sources[p.repo] = p.commit;
  const { pkg, messages } = parseProto(git(p.dir, "show", `HEAD:${p.pkgDir}/generated.proto`));
  const goText = p.goFiles.map((f) => git(p.dir, "show", `HEAD:${f}`)).join("\n");
  const { structs, slices, typeMeta } = parseGo(goText);
  const out = {};
  const deps = new Set();
  for (const [name, protoFields] of messages) {
    messageCount++;
    if (slices.has(name)) {
      // `type X []Y` wrapped in a message {repeated Y items = 1} so protobuf can tell nil from
      // empty; its JSON is the bare array.
      out[name] = { list: typeRef(protoFields[0].type, pkg, deps) };
      continue;
    }
    const byNumber = new Map(protoFields.map((f) => [f.number, f]));
    const goFields = structs.get(name) ?? [];
    const fields = [];
    const seen = new Set();
    for (const g of goFields) {
      const f = g.number !== undefined ? byNumber.get(g.number) : undefined;
      if (!f) continue;
      seen.add(f.number);
      let flags = "";
      if (g.omitempty) flags += "o";
      if (g.omitzero) flags += "z";
      if (g.goType.startsWith("*")) flags += "p";
      if (g.inline) flags += "i";
      const t = typeRef(f.type, pkg, deps);
      const type =
        f.label === "map"
          ? `map:${typeRef(f.key, pkg, deps)}:${t}`
          : f.label === "repeated"
            ? `[]${t}`
            : t;
      fields.push([
        g.inline ? "" : g.jsonName || g.goName,
        f.number,
        type,
        ...(flags ? [flags] : []),
      ]);
    }
    // Proto fields with no Go struct behind them (custom Go types): proto name, omitempty.
    for (const f of protoFields) {
      if (seen.has(f.number)) continue;
      if (goFields.length) unmatched++;
      const t = typeRef(f.type, pkg, deps);
      const type =
        f.label === "map"
          ? `map:${typeRef(f.key, pkg, deps)}:${t}`
          : f.label === "repeated"
            ? `[]${t}`
            : t;
      fields.push([f.name, f.number, type, "o"]);
    }
    out[name] = fields;
  }
  const file = `${pkg}.json`;
  writeFileSync(
    path.join(outDir, file),
    JSON.stringify({
      package: pkg,
      source: p.repo,
      commit: p.commit,
      typeMeta: [...typeMeta].filter((n) => messages.has(n)).sort(),
      messages: out,
    }) + "\n",
  );
  depsOf[pkg] = [...deps].sort();
  const group = p.repo === "kubernetes/api" ? groupOf(pkg, goText) : null;
  if (group !== null) {
    const version = pkg.split(".").at(-1);
    index.groups[group ? `${group}/${version}` : version] = pkg;
  }
}
index.groups = Object.fromEntries(Object.entries(index.groups).sort());
// Transitive package dependencies, so one load brings every message a kind can reach.
for (const pkg of Object.keys(depsOf).sort()) {
  const all = new Set();
  const todo = [...depsOf[pkg]];
  while (todo.length) {
    const d = todo.pop();
    if (d === pkg || all.has(d)) continue;
    all.add(d);
    todo.push(...(depsOf[d] ?? []));
  }
  index.deps[pkg] = [...all].sort();
}
const loaders = Object.keys(depsOf)
  .sort()
  .map((pkg) => `  "${pkg}": () => import("./${pkg}.json"),`);
writeFileSync(
  path.join(outDir, "packages.ts"),
  "// Generated by scripts/kubernetes/gen-schema.mjs: one lazy loader per schema package.\n" +
    "\n" +
    "/** Loads one package's descriptors (a separate chunk each, fetched on first use). */\n" +
    "export const packageLoaders: Record<string, () => Promise<{ default: unknown }>> = {\n" +
    loaders.join("\n") +
    "\n};\n",
);
writeFileSync(path.join(outDir, "index.json"), JSON.stringify(index, null, 1) + "\n");
console.log(
  `${packages.length} packages, ${messageCount} messages, ${Object.keys(index.groups).length} group versions; ` +
    `${unmatched} proto fields matched no Go field`,
);
