import type { NextConfig } from "next";
import { STATIC_SECURITY_HEADERS } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  // Packages with native code or WASM that must stay Node-side and unbundled.
  serverExternalPackages: ["pg", "@electric-sql/pglite", "pino", "pino-pretty", "ioredis", "bullmq", "onnxruntime-node", "soundswallower", "@echogarden/espeak-ng-emscripten", "@elevenlabs/elevenlabs-js"],
  poweredByHeader: false,
  typedRoutes: false,
  // The headers that are the same on every response, static assets included (proxy.ts skips those);
  // the per-request CSP and HSTS come from proxy.ts.
  async headers() {
    return [{ source: "/:path*", headers: STATIC_SECURITY_HEADERS }];
  },
};

export default nextConfig;
