// @ts-check
/** Headers on every response; pages also get a nonce-based CSP from proxy.ts. */
const SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "no-referrer" },
  { key: "X-Frame-Options", value: "DENY" },
];

/**
 * Next.js configuration.
 * etcd3 loads its .proto files from its own folder at import time, so it (and grpc) must stay
 * external to the server bundle; the tracing include keeps those files in standalone output.
 * @type {import('next').NextConfig}
 */
const nextConfig = {
  serverExternalPackages: ["etcd3", "@grpc/grpc-js", "@grpc/proto-loader"],
  outputFileTracingIncludes: { "/*": ["./node_modules/etcd3/proto/**/*"] },
  poweredByHeader: false,
  async headers() {
    return [
      { source: "/:path*", headers: SECURITY_HEADERS },
      {
        source: "/api/:path*",
        headers: [
          { key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" },
        ],
      },
    ];
  },
};

module.exports = nextConfig;
