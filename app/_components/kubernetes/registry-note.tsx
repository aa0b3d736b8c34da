/**
 * Why a key under /registry/ has no Edit, Lease or Delete buttons: Kubernetes owns these keys.
 */
export function RegistryNote() {
  return (
    <p
      role="note"
      aria-label="Read-only Kubernetes object"
      className="max-w-prose rounded border border-slate-200 bg-slate-50 px-2 py-1 text-xs text-slate-700"
    >
      Read-only: this key belongs to Kubernetes. Writing etcd directly bypasses the API server
      (admission, validation, its watch caches) — change it with kubectl. The gateway refuses such
      writes unless started with <code>ETCD_EXPLORER_ALLOW_REGISTRY_WRITES=1</code>.
    </p>
  );
}
