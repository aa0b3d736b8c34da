import { memberParamsSchema } from "@/lib/contract";
import { invalidField } from "@/lib/errors/gateway-error";
import { defragment } from "@/lib/etcd/maintenance/defragment";
import { route } from "@/lib/http/route";

type Ctx = { params: Promise<{ id: string }> };

/**
 * `POST /api/v1/cluster/members/{id}/defragment` (hex member ID) → `{header, memberId, name,
 * before: {dbSize, dbSizeInUse}, after: {…}, tookMs}` (etcd Maintenance.Defragment on that
 * member only, Maintenance.Status before and after; sizes in bytes). The member blocks while it
 * runs. 400 naming `id`; 404 `member_not_found`; 403 `read_only`; audited.
 */
export const POST = route<Ctx>(
  async (_req, ctx) => {
    const parsed = memberParamsSchema.safeParse(await ctx.params);
    if (!parsed.success) throw invalidField("id", parsed.error.issues[0].message);
    return defragment(parsed.data.id);
  },
  { write: true },
);
