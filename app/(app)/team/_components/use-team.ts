"use client";

import { useQuery } from "@tanstack/react-query";
import { apiFetchEnvelope } from "@/components/data/api-fetch";
import type { Member, PermissionMatrix, PublicInvite } from "@/lib/services/team/schemas";

/** A team changes rarely: a minute before a background refetch. */
const STALE_MS = 60_000;

export const teamKeys = {
  members: ["team", "members"] as const,
  invites: ["team", "invites"] as const,
  permissions: ["team", "permissions"] as const,
};

export function useMembers() {
  return useQuery({
    queryKey: teamKeys.members,
    queryFn: ({ signal }) => apiFetchEnvelope<Member[]>("/api/v1/team/members", { signal, query: { limit: 100 } }),
    staleTime: STALE_MS,
  });
}

export function useInvites(enabled: boolean) {
  return useQuery({
    queryKey: teamKeys.invites,
    queryFn: ({ signal }) => apiFetchEnvelope<PublicInvite[]>("/api/v1/team/invites", { signal, query: { limit: 100 } }),
    staleTime: STALE_MS,
    enabled,
  });
}

export function usePermissionMatrix() {
  return useQuery({
    queryKey: teamKeys.permissions,
    queryFn: ({ signal }) => apiFetchEnvelope<PermissionMatrix>("/api/v1/team/permissions", { signal }),
    // The matrix changes with a deploy, not during a visit.
    staleTime: Infinity,
  });
}
