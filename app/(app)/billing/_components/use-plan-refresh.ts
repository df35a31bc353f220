"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";

/** After a checkout: re-render every 3 s, at most 20 times (a minute), until the subscription is there. */
const WAIT_EVERY_MS = 3_000;
const WAIT_TIMES = 20;
/** After a portal visit (nothing may have changed there): at most 5 times, until the plan as rendered changes. */
const PORTAL_WAIT_TIMES = 5;
/** Coming back to the tab re-renders at most once a minute. */
const FOCUS_MIN_GAP_MS = 60_000;

/**
 * Keeps the server-rendered billing page current without a reload, modestly: a page re-render
 * (router.refresh) counts as one page view in the user and company layers and no billing-group
 * request. Back from Checkout it polls until `done` (the subscription exists); back from the portal
 * until `signature` (the plan as rendered) changes, briefly; otherwise only a return to the tab
 * refreshes, at most once a minute. Returns whether it is waiting.
 */
export function usePlanRefresh(signature: string, back: "checkout" | "portal" | null, done: boolean): boolean {
  const router = useRouter();
  const [active, setActive] = useState(back !== null && !done);
  const first = useRef(signature);
  const lastFocus = useRef(0);

  useEffect(() => {
    if (done || (back === "portal" && signature !== first.current)) setActive(false);
  }, [signature, done, back]);

  useEffect(() => {
    if (!active) return;
    let n = 0;
    const timer = setInterval(() => {
      if (++n > (back === "portal" ? PORTAL_WAIT_TIMES : WAIT_TIMES)) {
        setActive(false);
        return;
      }
      router.refresh();
    }, WAIT_EVERY_MS);
    return () => clearInterval(timer);
  }, [active, router, back]);

  useEffect(() => {
    const onFocus = () => {
      if (document.visibilityState !== "visible" || Date.now() - lastFocus.current < FOCUS_MIN_GAP_MS) return;
      lastFocus.current = Date.now();
      router.refresh();
    };
    lastFocus.current = Date.now();
    document.addEventListener("visibilitychange", onFocus);
    return () => document.removeEventListener("visibilitychange", onFocus);
  }, [router]);

  return active;
}
