"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";

/** How far outside the viewport a chart starts loading, so it is drawn by the time it scrolls in. */
const AHEAD = "200px";

/**
 * Renders `children` once this box comes within 200 px of the viewport, and keeps them: a chart's
 * code (recharts, about 100 KB gzip) is fetched when the chart is about to be seen, not with the page.
 * A box that is hidden (a closed tab, a sheet not open) never intersects, so it loads nothing.
 */
export function WhenVisible({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    const box = ref.current;
    if (seen || !box) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        setSeen(true);
        observer.disconnect();
      },
      { rootMargin: AHEAD },
    );
    observer.observe(box);
    return () => observer.disconnect();
  }, [seen]);
  return (
    <div ref={ref} className="h-full w-full">
      {seen ? children : null}
    </div>
  );
}
