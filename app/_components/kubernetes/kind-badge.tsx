import type { TreeChild } from "@/lib/contract";
import { kindOfRegistryFolder, kindOfRegistryKey } from "@/lib/kubernetes/resource-kinds";

/**
 * A tree row's Kubernetes kind ("Pod") for keys and resource folders under `/registry/`, read
 * from the key's path alone (no value fetch); nothing elsewhere.
 * @prop child  the tree row's key or folder
 */
export function KindBadge({ child }: { child: TreeChild }) {
  if (child.keyEncoding !== "utf8") return null;
  const kind = child.hasValue
    ? kindOfRegistryKey(child.key)
    : child.hasChildren
      ? kindOfRegistryFolder(child.key)
      : null;
  if (!kind) return null;
  return (
    <span
      data-testid="kind-badge"
      title={`Kubernetes ${kind}`}
      className="rounded bg-indigo-100 px-1 font-sans text-[10px] text-indigo-800"
    >
      {kind}
    </span>
  );
}
