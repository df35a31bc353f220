"use client";

import { useEffect, useState } from "react";

/**
 * Seconds left of a wait of `seconds` that started when this value arrived (e.g. a 429's
 * Retry-After), ticking down once a second to 0; null when there is no wait. Key the caller by the
 * error to restart the same wait twice.
 */
export function useCountdown(seconds: number | null): number | null {
  const [tick, setTick] = useState<{ of: number | null; left: number | null }>({ of: seconds, left: seconds });

  useEffect(() => {
    if (seconds === null) return;
    const at = Date.now() + seconds * 1000;
    const id = setInterval(() => setTick({ of: seconds, left: Math.max(0, Math.ceil((at - Date.now()) / 1000)) }), 1_000);
    return () => clearInterval(id);
  }, [seconds]);

  return tick.of === seconds ? tick.left : seconds;
}
