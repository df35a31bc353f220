"use client";

import { Toaster as SonnerToaster } from "sonner";

/**
 * The one toast region (sonner), mounted once in the signed-in layout; show toasts with `notify`.
 * Sonner inserts its stylesheet as a <style> element at load: the page CSP allows exactly that text by
 * its hash (lib/gateway/security-headers.ts, checked against the installed sonner by a unit test).
 */
export function Toaster() {
  return <SonnerToaster position="top-right" closeButton richColors toastOptions={{ duration: 5000 }} />;
}
