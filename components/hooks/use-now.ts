"use client";

import { useEffect, useState } from "react";

/**
 * The current time (epoch ms), updated every `everyMs`. Render code must not call Date.now() itself
 * (it would differ between server and browser, and between renders); read it from here.
 * Null on the server and in the first browser render.
 */
export function useNow(everyMs = 1_000): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    const tick = () => setNow(Date.now());
    const first = setTimeout(tick, 0);
    const id = setInterval(tick, everyMs);
    return () => {
      clearTimeout(first);
      clearInterval(id);
    };
  }, [everyMs]);
  return now;
}
