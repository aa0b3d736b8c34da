import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { ApiError } from "./api-error";
import { reportError } from "./error-store";

/**
 * Retry policy: never for 4xx (the answer won't change), at most twice for 5xx / no response,
 * so an outage surfaces within seconds instead of hiding behind retries.
 */
export function shouldRetry(failureCount: number, err: unknown): boolean {
  if (err instanceof ApiError && err.status >= 400 && err.status < 500) return false;
  return failureCount < 2;
}

/**
 * The app's QueryClient. Every query and mutation error goes through one path,
 * {@link reportError}, which drives the etcd-unavailable banner and the error toasts.
 * Queries/mutations with `meta: {quiet: true}` show their errors inline and skip the toast.
 */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (err, query) => reportError(err, { quiet: query.meta?.quiet === true }),
    }),
    mutationCache: new MutationCache({
      onError: (err, _vars, _ctx, mutation) =>
        reportError(err, { quiet: mutation.meta?.quiet === true }),
    }),
    defaultOptions: {
      queries: {
        retry: shouldRetry,
        retryDelay: (n) => Math.min(500 * 2 ** n, 2000),
        staleTime: 5_000,
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}
