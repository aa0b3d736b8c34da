import { LoginForm } from "./_components/login-form";

/** `/login` — sign in with the gateway's access token (`ETCD_EXPLORER_TOKEN`). */
export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string }>;
}) {
  const { next } = await searchParams;
  // Only same-site paths: never bounce a signed-in user to another origin.
  const target = next && next.startsWith("/") && !next.startsWith("//") ? next : "/";
  return (
    <div className="flex h-full items-start justify-center p-10">
      <LoginForm next={target} />
    </div>
  );
}
