import type { DecodedEncrypted, KvDto } from "@/lib/contract";
import { decodeBytes } from "@/lib/format/bytes";
import { hexDump } from "@/lib/format/hex-dump";

/** Ciphertext bytes shown before the hex view is cut off. */
const HEX_LIMIT = 16 * 1024;

/**
 * A value kube-apiserver encrypted at rest: "Encrypted by aescbc, key key1" and the ciphertext
 * (the bytes after the `k8s:enc:…:` prefix) as hex — never as text. The gateway holds no keys.
 * @prop kv         the key as read
 * @prop encrypted  the gateway's `decoded` for that value
 */
export function EncryptedView({ kv, encrypted }: { kv: KvDto; encrypted: DecodedEncrypted }) {
  const bytes = decodeBytes(kv.value, kv.valueEncoding) ?? new Uint8Array();
  const cipher = bytes.subarray(encrypted.prefixLength);
  const lines = hexDump(cipher, HEX_LIMIT);
  return (
    <section aria-label="Encrypted Kubernetes value" className="flex flex-col gap-2">
      <p role="status" className="text-sm text-slate-800">
        Encrypted by <strong aria-label="Provider">{encrypted.provider}</strong>, key{" "}
        <strong aria-label="Key name">{encrypted.keyName}</strong>{" "}
        <span className="text-xs text-slate-500">
          ({encrypted.version}; {cipher.length.toLocaleString("en-US")} bytes of ciphertext — the
          API server holds the key, so only it can decrypt)
        </span>
      </p>
      <pre
        aria-label="Ciphertext (hex)"
        className="max-h-[65vh] overflow-auto rounded-md border border-slate-200 bg-white p-3 font-mono text-[13px] leading-5 whitespace-pre"
      >
        {lines.map((l) => `${l.offset}  ${l.hex}  |${l.ascii}|`).join("\n")}
      </pre>
    </section>
  );
}
