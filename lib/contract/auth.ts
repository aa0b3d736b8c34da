import { z } from "zod";
import { encodingSchema } from "./kv";
import { permissionRangeSchema } from "./permissions";

/**
 * An etcd user or role name as it travels in a path segment or body: 1–128 characters, no
 * control characters. etcd itself takes any non-empty string; the limit keeps names printable
 * in the UI and the audit log.
 */
export const authNameSchema = z
  .string()
  .min(1, "must not be empty")
  .max(128, "must be at most 128 characters")
  .regex(/^[^\p{Cc}]+$/u, "must not contain control characters");

/**
 * A password as sent to etcd (never echoed back, never logged): 1–1024 characters. etcd 3.4
 * hashes it with bcrypt, which uses only the first 72 bytes.
 */
export const passwordSchema = z
  .string()
  .min(1, "must not be empty")
  .max(1024, "must be at most 1024 characters");

/** `POST /api/v1/auth/users` body. */
export const addUserBodySchema = z.object({ name: authNameSchema, password: passwordSchema });
/** `PUT /api/v1/auth/users/{name}/password` body. */
export const changePasswordBodySchema = z.object({ password: passwordSchema });
/** `POST /api/v1/auth/roles` body. */
export const addRoleBodySchema = z.object({ name: authNameSchema });

/** etcd's permission types, spelled as etcdctl spells them. */
export const permTypeSchema = z.enum(["read", "write", "readwrite"]);

/**
 * `PUT|DELETE /api/v1/auth/roles/{name}/permissions` body: one key (`key` alone), every key under
 * a prefix (`prefix: true`; `key` "" = the whole keyspace), or the range `[key, rangeEnd)`
 * (`rangeEnd` "\u0000" = every key from `key` on, etcdctl's `--from-key`). `permType` is
 * required to grant; a revoke matches on the range alone.
 */
export const permissionBodySchema = z
  .object({
    key: z.string(),
    keyEncoding: encodingSchema.default("utf8"),
    rangeEnd: z.string().min(1, "must not be empty (omit it for a single key)").optional(),
    rangeEndEncoding: encodingSchema.default("utf8"),
    prefix: z.boolean().default(false),
    permType: permTypeSchema.optional(),
  })
  .refine((b) => !(b.prefix && b.rangeEnd !== undefined), {
    message: "give either rangeEnd or prefix, not both",
    path: ["rangeEnd"],
  });
/** Parsed {@link permissionBodySchema}. */
export type PermissionBody = z.output<typeof permissionBodySchema>;

/** A user as listed: its name and roles (never its password). */
export const authUserSchema = z.object({ name: z.string(), roles: z.array(z.string()) });
/** Parsed {@link authUserSchema}. */
export type AuthUser = z.infer<typeof authUserSchema>;

/** A role and the key ranges it grants (`role` in each range is the role's own name). */
export const authRoleSchema = z.object({
  name: z.string(),
  permissions: z.array(permissionRangeSchema),
});
/** Parsed {@link authRoleSchema}. */
export type AuthRole = z.infer<typeof authRoleSchema>;

const header = z.object({ revision: z.string() });

/** `GET /api/v1/auth/users`. */
export const usersResponseSchema = z.object({ header, users: z.array(authUserSchema) });
export type UsersResponse = z.infer<typeof usersResponseSchema>;
/** `GET /api/v1/auth/users/{name}` and the answer of every change to one user. */
export const userResponseSchema = z.object({ header, user: authUserSchema });
export type UserResponse = z.infer<typeof userResponseSchema>;
/** `GET /api/v1/auth/roles`. */
export const rolesResponseSchema = z.object({ header, roles: z.array(authRoleSchema) });
export type RolesResponse = z.infer<typeof rolesResponseSchema>;
/** `GET /api/v1/auth/roles/{name}` and the answer of every change to one role. */
export const roleResponseSchema = z.object({ header, role: authRoleSchema });
export type RoleResponse = z.infer<typeof roleResponseSchema>;
/** `DELETE` of a user or role. */
export type DeletedResponse = { header: { revision: string }; deleted: string };

/**
 * `GET /api/v1/auth/status` and the answer of enable/disable: whether etcd has auth on, and the
 * user the gateway connects as (null: none configured).
 */
export const authStatusResponseSchema = z.object({
  header,
  enabled: z.boolean(),
  gatewayUser: z.string().nullable(),
});
export type AuthStatusResponse = z.infer<typeof authStatusResponseSchema>;
