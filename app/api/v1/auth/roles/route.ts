import { NextResponse } from "next/server";
import { addRoleBodySchema } from "@/lib/contract";
import { addRole, listRoles } from "@/lib/etcd/access-control/roles";
import { parseJsonBody } from "@/lib/http/parse";
import { route } from "@/lib/http/route";

/**
 * `GET /api/v1/auth/roles` → `{header, roles: [{name, permissions}]}` sorted by name
 * (Auth.RoleList, Auth.RoleGet per role). Needs root while auth is on.
 */
export const GET = route(() => listRoles());

/**
 * `POST /api/v1/auth/roles` body `{name}` → 201 `{header, role: {name, permissions: []}}`
 * (Auth.RoleAdd). 409 `conflict` when it exists; 400 naming `name`.
 */
export const POST = route(
  async (req) => {
    const body = await parseJsonBody(req, addRoleBodySchema);
    return NextResponse.json(await addRole(body.name), { status: 201 });
  },
  { write: true },
);
