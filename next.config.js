// @ts-check
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
};

module.exports = nextConfig;
