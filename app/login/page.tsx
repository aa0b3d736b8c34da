// A server component using a pure function (no etcd, no server state).
// eslint-disable-next-line no-restricted-imports
import { safeNextPath } from "@/lib/http/security/next-path";
import { LoginForm } from "./_components/login-form";

/** `/login` — sign in with the gateway's access token (`ETCD_EXPLORER_TOKEN`). */
export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string | string[] }>;
}) {
  const { next } = await searchParams;
  // Only paths on this origin: never bounce a signed-in user to another site.
  const target = safeNextPath(typeof next === "string" ? next : undefined);
  return (
    <div className="flex h-full items-start justify-center p-10">
      <LoginForm next={target} />
    </div>
  );
}
