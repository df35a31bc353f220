"use client";

import { Toaster as SonnerToaster } from "sonner";

/**
 * The one toast region (sonner), mounted once in the signed-in layout; show toasts with `notify`.
 * Sonner inserts its stylesheet as a <style> element at load: the page CSP allows exactly that text by
 * its hash (lib/gateway/security-headers.ts, checked against the installed sonner by a unit test).
 * Sonner's rich colours put text at about 4.2:1 on its tinted backgrounds; the darker text here
 * meets WCAG AA (4.5:1), which axe checks whenever a toast is on screen.
 */
export function Toaster() {
  return (
    <SonnerToaster
      position="top-right"
      closeButton
      richColors
      toastOptions={{
        duration: 5000,
        classNames: { success: "text-emerald-900!", error: "text-red-800!", info: "text-blue-900!", warning: "text-amber-900!" },
      }}
    />
  );
}
