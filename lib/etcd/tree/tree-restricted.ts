import "server-only";
import type { TreeChild, TreeResponse } from "@/lib/contract";
import { GatewayError } from "@/lib/errors/gateway-error";
import { encodeBytes } from "@/lib/format/bytes";
import { readableRanges, readOwnPermissions } from "../permissions";
import { blankRow, listChildren, type TreeQuery } from "./tree";

/**
 * {@link listChildren}, for a user etcd doesn't let list every folder: when etcd denies the
 * listing (Range → permission denied), the answer is the way into what the user *may* read —
 * the next path segment of each readable range that starts below the folder (from Auth.UserGet
 * and Auth.RoleGet on the user's own roles, see readOwnPermissions), marked `restricted`. So a
 * user with read on `/app/` can open the root, then `/`, then `/app/`, which lists normally.
 * @throws GatewayError 403 `etcd_permission_denied` naming the folder when no readable range
 *   lies below it (or for a later page); what listChildren throws otherwise.
 */
export async function listChildrenForUser(q: TreeQuery): Promise<TreeResponse> {
  try {
    return await listChildren(q);
  } catch (err) {
    if (!(err instanceof GatewayError) || err.code !== "etcd_permission_denied") throw err;
    const perms = await readOwnPermissions().catch(() => null);
    const children = perms ? restrictedChildren(q, readableRanges(perms)) : [];
    if (!perms || children.length === 0 || q.after) throw err;
    const folder = encodeBytes(q.prefix);
    // A denial served by the no-leader fallback says so; keep the "may be stale" mark.
    const { serializable, member } = (err.details ?? {}) as {
      serializable?: true;
      member?: string;
    };
    return {
      header: serializable ? { ...perms.header, serializable, member } : perms.header,
      prefix: folder.text,
      prefixEncoding: folder.encoding,
      children,
      more: false,
      restricted: true,
    };
  }
}

/**
 * The children of folder `q.prefix` that lead into `ranges`: for each range starting strictly
 * below the folder, the segment up to the next separator is a folder; a single-key range with no
 * separator left is a key; the rest of a wider range (e.g. prefix `/ap` under `/`) is shown as a
 * folder, since its keys may continue below it. Sorted by key bytes, one row per name.
 */
export function restrictedChildren(
  q: Pick<TreeQuery, "prefix" | "separator">,
  ranges: { key: Buffer; rangeEnd: Buffer | null }[],
): TreeChild[] {
  const rows = new Map<string, { leaf: Buffer; row: TreeChild }>();
  for (const r of ranges) {
    if (r.key.length <= q.prefix.length || !r.key.subarray(0, q.prefix.length).equals(q.prefix)) {
      continue;
    }
    const rest = r.key.subarray(q.prefix.length);
    const at = rest.indexOf(q.separator);
    const name = at < 0 ? rest : rest.subarray(0, at);
    const leaf = Buffer.concat([q.prefix, name]);
    const isKey = at < 0 && r.rangeEnd === null;
    const id = name.toString("hex");
    let entry = rows.get(id);
    if (!entry) {
      const row: TreeChild = { ...blankRow(leaf, name), restricted: true };
      rows.set(id, (entry = { leaf, row }));
    }
    if (isKey) entry.row.hasValue = true;
    else entry.row.hasChildren = true;
  }
  return [...rows.values()].sort((a, b) => Buffer.compare(a.leaf, b.leaf)).map((e) => e.row);
}
