import { inject } from "vitest";

// The gateway reads its endpoints from the environment, as in production.
process.env.ETCD_ENDPOINTS = inject("etcdEndpoint");
