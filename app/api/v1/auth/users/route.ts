import { NextResponse } from "next/server";
import { addUserBodySchema } from "@/lib/contract";
import { addUser, listUsers } from "@/lib/etcd/access-control/users";
import { parseJsonBody } from "@/lib/http/parse";
import { route } from "@/lib/http/route";

/**
 * `GET /api/v1/auth/users` → `{header, users: [{name, roles}]}` sorted by name (Auth.UserList,
 * Auth.UserGet per user). Needs root while auth is on (else 403 `etcd_permission_denied`).
 */
export const GET = route(() => listUsers());

/**
 * `POST /api/v1/auth/users` body `{name, password}` → 201 `{header, user: {name, roles: []}}`
 * (Auth.UserAdd). The password is never echoed or logged. 409 `conflict` when the user exists;
 * 400 naming `name` or `password`.
 */
export const POST = route(
  async (req) => {
    const body = await parseJsonBody(req, addUserBodySchema);
    return NextResponse.json(await addUser(body.name, body.password), { status: 201 });
  },
  { write: true },
);
