import index from "./schema/index.json";
import { packageLoaders } from "./schema/packages";

/**
 * One field of a message descriptor, as scripts/kubernetes/gen-schema.mjs writes it:
 * `[jsonName, protoFieldNumber, type, flags?]`.
 * - `type`: a proto scalar (`string`, `bool`, `int32`, `int64`, `bytes`, …), a message name (bare:
 *   same package; dotted: full proto name), `[]T` for repeated, `map:K:V` for maps.
 * - `flags`: `o` omitempty, `z` omitzero, `p` the Go field is a pointer, `i` embedded (inline:
 *   its fields are spliced into the parent's JSON; jsonName is "").
 */
export type FieldDescriptor = [string, number, string, string?];

/** A message: its fields in Go declaration order (= served JSON order), or a Go slice wrapper. */
export type MessageDescriptor = FieldDescriptor[] | { list: string };

/** One schema package file (lib/kubernetes/schema/<proto package>.json). */
export type SchemaPackage = {
  package: string;
  source: string;
  commit: string;
  /** Messages whose Go struct embeds TypeMeta: their JSON starts with kind and apiVersion. */
  typeMeta: string[];
  messages: Record<string, MessageDescriptor>;
};

const loaded = new Map<string, SchemaPackage>();
const typeMetaSets = new Map<string, Set<string>>();
const groups: Record<string, string> = index.groups;
const deps: Record<string, string[]> = index.deps;

/** The upstream commits the descriptors were generated from. */
export const schemaSources: Record<string, string> = index.sources;

/** The proto package of an apiVersion (`apps/v1` → `k8s.io.api.apps.v1`), or undefined. */
export function packageOfApiVersion(apiVersion: string): string | undefined {
  return Object.hasOwn(groups, apiVersion) ? groups[apiVersion] : undefined;
}

/** meta/v1 kinds (Status, WatchEvent, …) are served under every group version. */
export const META_V1 = "k8s.io.apimachinery.pkg.apis.meta.v1";

/**
 * Loads a package and everything it references (each file once per process; ~5–60 KB of JSON).
 * Resolves when `message()` can answer for any message the package's kinds reach.
 */
export async function loadPackage(pkg: string): Promise<void> {
  const all = [pkg, ...(deps[pkg] ?? []), META_V1];
  await Promise.all(
    all.map(async (p) => {
      if (loaded.has(p) || !Object.hasOwn(packageLoaders, p)) return;
      const mod = await packageLoaders[p]();
      const data = mod.default as SchemaPackage;
      loaded.set(p, data);
      typeMetaSets.set(p, new Set(data.typeMeta));
    }),
  );
}

/** The descriptor of a message by full proto name, when its package is loaded. */
export function message(fullName: string): MessageDescriptor | undefined {
  const dot = fullName.lastIndexOf(".");
  const pkg = loaded.get(fullName.slice(0, dot));
  const name = fullName.slice(dot + 1);
  return pkg && Object.hasOwn(pkg.messages, name) ? pkg.messages[name] : undefined;
}

/** Whether the message's Go struct embeds TypeMeta (so its JSON carries kind and apiVersion). */
export function hasTypeMeta(fullName: string): boolean {
  const dot = fullName.lastIndexOf(".");
  return typeMetaSets.get(fullName.slice(0, dot))?.has(fullName.slice(dot + 1)) ?? false;
}

/**
 * The full proto name of `kind` in `apiVersion`, loading its schema; undefined for a kind this
 * schema does not know (a custom resource, or a kind newer than the descriptors).
 */
export async function resolveKind(apiVersion: string, kind: string): Promise<string | undefined> {
  const pkg = packageOfApiVersion(apiVersion);
  if (!pkg || !/^\w+$/.test(kind)) return undefined;
  await loadPackage(pkg);
  if (message(`${pkg}.${kind}`)) return `${pkg}.${kind}`;
  if (message(`${META_V1}.${kind}`)) return `${META_V1}.${kind}`;
  return undefined;
}
