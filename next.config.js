/**
 * The paths the middleware skips (static files, the liveness probe) still get the headers every
 * response carries; everything else gets them — and its Content-Security-Policy — from the gateway
 * (lib/gateway/security-headers.ts), which knows the request (a nonce per page, HSTS only behind TLS).
 */
const STATIC_SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Packages with native or Node-only internals stay out of the server bundle.
  serverExternalPackages: [
    "mysql2",
    "pino",
    "bullmq",
    "ioredis",
    "prom-client",
    "bcryptjs",
    // Tracing (instrumentation.ts): the mysql2 instrumentation patches mysql2 as Node loads it.
    "@opentelemetry/sdk-trace",
    "@opentelemetry/context-async-hooks",
    "@opentelemetry/resources",
    "@opentelemetry/exporter-trace-otlp-http",
    "@opentelemetry/instrumentation-mysql2",
    "@opentelemetry/instrumentation-ioredis",
  ],
  typedRoutes: false,
  async headers() {
    return ["/_next/static/:path*", "/_next/image", "/favicon.ico", "/robots.txt", "/api/health"].map((source) => ({
      source,
      headers: STATIC_SECURITY_HEADERS,
    }));
  },
};

export default nextConfig;
