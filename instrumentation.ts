/**
 * Runs once when the Next server starts (`next start` / `next dev`), before it serves requests.
 * Installs the 405 method guard (lib/http/method-guard.ts) in the Node.js server process.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installMethodGuard } = await import("./lib/http/method-guard");
  installMethodGuard();
}
