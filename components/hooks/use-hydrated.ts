"use client";

import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * False in the server render and while the browser hydrates it, true after. A form's fields are
 * disabled until then: text typed into server-rendered inputs before React attaches would be
 * overwritten, or appended to, when the form library registers them and writes their defaults.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
