"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/components/data/api-fetch";
import type {
  ApiKeyListItem,
  ApiKeyUsage,
  CreateApiKeyRequest,
  CreatedApiKey,
  PublicApiKey,
  RotatedApiKey,
} from "@/lib/services/api-keys/schemas";

const KEYS = ["api-keys"] as const;

/**
 * The company's keys, first served with the page. Every change writes the answer into this cache,
 * so the list is fetched again only when it is older than five minutes (the settings endpoint group
 * allows 30 requests an hour on the free tier).
 */
export function useApiKeys(initial: ApiKeyListItem[]) {
  return useQuery({
    queryKey: KEYS,
    queryFn: ({ signal }) => apiFetch<ApiKeyListItem[]>("/api/v1/api-keys", { signal, query: { limit: 100 } }),
    initialData: initial,
    staleTime: 5 * 60_000,
  });
}

/** One key's usage by day (the last 30 days); fetched when its panel opens, again on "Refresh" (with the list, for "last used"). */
export function useKeyUsage(id: string | null) {
  return useQuery({
    queryKey: [...KEYS, id, "usage"] as const,
    queryFn: ({ signal }) => apiFetch<ApiKeyUsage>(`/api/v1/api-keys/${id}/usage`, { signal }),
    enabled: id !== null,
    staleTime: 60_000,
  });
}

/** The row as the list shows it, from a key the API answered with (it keeps the creator's name we had). */
function asItem(key: PublicApiKey, known?: ApiKeyListItem, createdByName: string | null = null): ApiKeyListItem {
  return { ...key, createdByName: known?.createdByName ?? createdByName };
}

/** Runs `change` on the cached list; returns what to put back if the server refuses. */
function useOptimistic() {
  const qc = useQueryClient();
  return {
    qc,
    async apply(change: (keys: ApiKeyListItem[]) => ApiKeyListItem[]) {
      await qc.cancelQueries({ queryKey: KEYS });
      const previous = qc.getQueryData<ApiKeyListItem[]>(KEYS);
      if (previous) qc.setQueryData<ApiKeyListItem[]>(KEYS, change(previous));
      return { previous };
    },
    rollback(ctx: { previous?: ApiKeyListItem[] } | undefined) {
      if (ctx?.previous) qc.setQueryData(KEYS, ctx.previous);
    },
    set(change: (keys: ApiKeyListItem[]) => ApiKeyListItem[]) {
      qc.setQueryData<ApiKeyListItem[]>(KEYS, (keys) => change(keys ?? []));
    },
  };
}

export function useCreateKey(creatorName: string | null) {
  const o = useOptimistic();
  return useMutation({
    mutationFn: (body: CreateApiKeyRequest) => apiFetch<CreatedApiKey>("/api/v1/api-keys", { method: "POST", json: body }),
    onSuccess: (created) => {
      const { key: _secret, ...shown } = created;
      o.set((keys) => [asItem(shown, undefined, creatorName), ...keys.filter((k) => k.id !== created.id)]);
    },
  });
}

/** Rotation: the old key shows "in grace" at once (rolled back if refused); the new one is added from the answer. */
export function useRotateKey(creatorName: string | null) {
  const o = useOptimistic();
  return useMutation({
    mutationFn: ({ id, gracePeriodSeconds }: { id: string; gracePeriodSeconds: number }) =>
      apiFetch<RotatedApiKey>(`/api/v1/api-keys/${id}/rotate`, { method: "POST", json: { gracePeriodSeconds } }),
    onMutate: ({ id, gracePeriodSeconds }) =>
      o.apply((keys) =>
        keys.map((k) =>
          k.id === id
            ? {
                ...k,
                status: gracePeriodSeconds === 0 ? "revoked" : "grace_period",
                graceExpiresAt: new Date(Date.now() + gracePeriodSeconds * 1000).toISOString(),
              }
            : k,
        ),
      ),
    onError: (_err, _vars, ctx) => o.rollback(ctx),
    onSuccess: (rotated) => {
      const { key: _secret, previous, ...fresh } = rotated;
      o.set((keys) => {
        const old = keys.find((k) => k.id === previous.id);
        return [asItem(fresh, undefined, creatorName), ...keys.map((k) => (k.id === previous.id ? asItem(previous, old) : k))];
      });
    },
  });
}

/** Revocation: the row shows "revoked" at once, and goes back if the server refuses. */
export function useRevokeKey() {
  const o = useOptimistic();
  return useMutation({
    mutationFn: (id: string) => apiFetch<PublicApiKey>(`/api/v1/api-keys/${id}`, { method: "DELETE" }),
    onMutate: (id) =>
      o.apply((keys) => keys.map((k) => (k.id === id ? { ...k, status: "revoked", revokedAt: new Date().toISOString() } : k))),
    onError: (_err, _id, ctx) => o.rollback(ctx),
    onSuccess: (revoked) => o.set((keys) => keys.map((k) => (k.id === revoked.id ? asItem(revoked, k) : k))),
  });
}
