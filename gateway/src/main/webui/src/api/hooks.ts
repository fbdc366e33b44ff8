import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, get, upload } from './client';

/**
 * A GET through the gateway, cached under {@code key}; the first element of the key names the domain the live feed
 * invalidates (environments, deployments, status, monitoring, alerts, costs, budgets, admin).
 */
export function useApi<T>(key: unknown[], path: string, options: { enabled?: boolean; refetchInterval?: number } = {}) {
  return useQuery<T>({ queryKey: key, queryFn: () => get<T>(path), ...options });
}

/** A mutating call (a FormData body is uploaded as multipart); on success the cached answers of the given domains are refetched. */
export function useApiMutation<I, O = unknown>(request: (input: I) => { method: string; path: string; body?: unknown },
  staleDomains: string[]) {
  const client = useQueryClient();
  return useMutation<O, Error, I>({
    mutationFn: (input) => {
      const { method, path, body } = request(input);
      return body instanceof FormData ? upload<O>(path, body, method) : api<O>(method, path, body);
    },
    onSuccess: () => staleDomains.forEach((domain) => client.invalidateQueries({ queryKey: [domain] })),
  });
}

/**
 * The names of the catalogue's environments. Monitoring and alert data name environments too; views that list
 * environments show those of the catalogue (the ones an operator can open), or everything until the catalogue is known.
 */
export function useCatalogue(): (environment: string) => boolean {
  const catalogue = useApi<{ items: { name: string }[] }>(['environments', 'all'], '/api/environments?size=200');
  const names = new Set((catalogue.data?.items ?? []).map((env) => env.name));
  return (environment) => names.size === 0 || names.has(environment);
}
