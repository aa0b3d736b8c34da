import { describe, expect, it } from "vitest";
import { describeTlsFailure } from "@/lib/etcd/tls-errors";

// Messages as grpc-js 1.14 on Node reported them against etcd 3.4 (see test/api/tls.test.ts).
const grpc = (lastError: string) =>
  `14 UNAVAILABLE: No connection established. Last error: ${lastError}. Resolution note: `;

describe("describeTlsFailure", () => {
  it("etcd refusing the client certificate (OpenSSL alert 42)", () => {
    const raw = grpc(
      "80CCC132957F0000:error:0A000412:SSL routines:ssl3_read_bytes:sslv3 alert bad certificate:" +
        "../deps/openssl/openssl/ssl/record/rec_layer_s3.c:1601:SSL alert number 42\n" +
        " (2026-11-21T22:04:08.955Z)",
    );
    expect(describeTlsFailure(raw)).toBe(
      "etcd rejected the TLS client certificate (none sent, or not signed by a CA etcd " +
        "trusts); check ETCD_CERT and ETCD_KEY",
    );
  });

  it("a CA that doesn't trust etcd's certificate", () => {
    expect(describeTlsFailure(grpc("Error: unable to verify the first certificate"))).toBe(
      "etcd's TLS certificate is not trusted (unable to verify the first certificate); " +
        "check ETCD_CACERT",
    );
    expect(describeTlsFailure(grpc("Error: self-signed certificate"))).toMatch(/not trusted/);
  });

  it("a certificate without the dialled IP in its SANs", () => {
    const raw = grpc(
      "Error: Hostname/IP does not match certificate's altnames: IP: 127.0.0.1 is not in the " +
        "cert's list: ",
    );
    expect(describeTlsFailure(raw)).toMatch(/does not name the host dialled .*IP: 127\.0\.0\.1/);
  });

  it("TLS to a plaintext port", () => {
    const raw = grpc(
      "Error: Client network socket disconnected before secure TLS connection was established",
    );
    expect(describeTlsFailure(raw)).toMatch(
      /^the TLS handshake failed \(Client network .*serve TLS\?$/,
    );
  });

  it("null for failures that aren't about TLS", () => {
    expect(describeTlsFailure(grpc("Failed to connect (2026-11-21T22:04:56.372Z)"))).toBeNull();
    expect(describeTlsFailure("14 UNAVAILABLE: etcdserver: no leader")).toBeNull();
  });
});
