import { z } from "zod";

/**
 * A latency histogram of one member at the moment it was read: cumulative `buckets` as
 * `[upper bound in s, count]` (last bound `null` = `+Inf`, JSON has no Infinity), the number of
 * observations, their sum in s, and the p99 in ms over everything since the member started
 * (null: no observations). Rates and recent p99s come from the difference of two samples.
 */
export const histogramSchema = z.object({
  buckets: z.array(z.tuple([z.number().nullable(), z.number()])),
  count: z.number(),
  sumSeconds: z.number(),
  p99Ms: z.number().nullable(),
});
export type HistogramSample = z.infer<typeof histogramSchema>;

/**
 * What one member's `/metrics` said. Counters (`…Total`) are raw totals since the member
 * started (the UI turns two samples into a rate); gauges are values now. Sizes in bytes.
 */
export const memberFiguresSchema = z.object({
  /** Unary gRPC calls started (`grpc_server_started_total{grpc_type="unary"}`). */
  requestsTotal: z.number(),
  /** Unary gRPC calls that ended with a code other than OK. */
  requestsFailedTotal: z.number(),
  /** The store revision this member has applied (decimal string). */
  revision: z.string().nullable(),
  dbSizeBytes: z.number().nullable(),
  dbSizeInUseBytes: z.number().nullable(),
  quotaBackendBytes: z.number().nullable(),
  hasLeader: z.boolean().nullable(),
  isLeader: z.boolean().nullable(),
  leaderChangesTotal: z.number(),
  proposalsPending: z.number().nullable(),
  proposalsFailedTotal: z.number(),
  proposalsCommittedTotal: z.number(),
  watchStreams: z.number().nullable(),
  watchers: z.number().nullable(),
  leasesGrantedTotal: z.number(),
  leasesRevokedTotal: z.number(),
  leasesRenewedTotal: z.number(),
  walFsync: histogramSchema,
  backendCommit: histogramSchema,
  /** Round trips to the other members, all peers merged (empty buckets on a single member). */
  peerRoundTrip: histogramSchema,
});
export type MemberFigures = z.infer<typeof memberFiguresSchema>;

/** One member's row: its figures, or why its `/metrics` could not be read. */
export const memberMetricsSchema = z.object({
  id: z.string(),
  name: z.string(),
  clientUrl: z.string().nullable(),
  /** When the gateway received the exposition, ms since the epoch. */
  at: z.number(),
  figures: memberFiguresSchema.optional(),
  error: z.string().optional(),
});
export type MemberMetrics = z.infer<typeof memberMetricsSchema>;

/** `GET /api/v1/cluster/metrics`. */
export const clusterMetricsResponseSchema = z.object({
  header: z.object({ revision: z.string() }),
  members: z.array(memberMetricsSchema),
});
export type ClusterMetricsResponse = z.infer<typeof clusterMetricsResponseSchema>;
