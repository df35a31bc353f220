/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Packages with native or Node-only internals stay out of the server bundle.
  serverExternalPackages: ["mysql2", "pino", "bullmq", "ioredis", "prom-client", "bcryptjs"],
  typedRoutes: false,
};

export default nextConfig;
