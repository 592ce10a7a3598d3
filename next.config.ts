import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Packages with native code or WASM that must stay Node-side and unbundled.
  serverExternalPackages: ["pg", "@electric-sql/pglite", "@electric-sql/pglite-socket", "pino", "pino-pretty", "ioredis", "bullmq"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
