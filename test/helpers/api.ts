import { randomUUID } from "node:crypto";
import { Etcd3 } from "etcd3";
import { inject } from "vitest";

type Handler = (req: Request, ctx: unknown) => Promise<Response>;

/** A unique key prefix per test, so tests can share one etcd and run in parallel. */
export function uniquePrefix(name: string): string {
  return `/test-${name}-${randomUUID().slice(0, 8)}/`;
}

/** A raw etcd3 client on the test etcd, for setting up and checking state behind the gateway. */
export function rawClient(): Etcd3 {
  return new Etcd3({ hosts: inject("etcdEndpoint") });
}

/**
 * Call a route handler the way Next does, with a real Request.
 * @returns the status and the parsed JSON body.
 */
export async function call(
  handler: Handler,
  method: string,
  pathAndQuery: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any }> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = typeof body === "string" ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)["content-type"] ??= "application/json";
  }
  const res = await handler(new Request(`http://127.0.0.1${pathAndQuery}`, init), {});
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** `encodeURIComponent` for query values. */
export const q = encodeURIComponent;
