"use client";

import { isServer, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { retryDelay, shouldRetry } from "./retry-policy";

function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 30_000, retry: shouldRetry, retryDelay, refetchOnWindowFocus: true },
      // Never blind-retry a write: a create could happen twice.
      mutations: { retry: false },
    },
  });
}

let browserClient: QueryClient | undefined;

/**
 * One QueryClient per browser session (a full page load; signing out reloads, so nothing cached
 * crosses people), a fresh one per server render.
 */
export function getQueryClient(): QueryClient {
  if (isServer) return makeQueryClient();
  return (browserClient ??= makeQueryClient());
}

/** TanStack Query for the signed-in app; mounted once in app/(app)/layout.tsx. */
export function QueryProvider({ children }: { children: ReactNode }) {
  return <QueryClientProvider client={getQueryClient()}>{children}</QueryClientProvider>;
}
