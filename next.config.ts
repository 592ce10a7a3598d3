import type { NextConfig } from "next";
import { STATIC_SECURITY_HEADERS } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  // Packages with native code or WASM that must stay Node-side and unbundled.
  serverExternalPackages: ["pg", "@electric-sql/pglite", "pino", "pino-pretty", "ioredis", "bullmq", "onnxruntime-node", "soundswallower", "@echogarden/espeak-ng-emscripten", "@elevenlabs/elevenlabs-js"],
  poweredByHeader: false,
  typedRoutes: false,
  // `npm test` type-checks the whole project (tsc --noEmit) before its e2e tier builds the app, and sets
  // this so the build does not type-check it a second time (~50 s of a two-core CI run). Every other
  // build, `npm run build` included, type-checks as usual.
  typescript: { ignoreBuildErrors: process.env.NEXT_BUILD_SKIP_TYPECHECK === "1" },
  // Turbopack keeps a build cache in .next/cache that makes the next build of a changed tree faster.
  // Writing it took ~20 s of a cold two-core build; CI builds a fresh clone once and never reads it,
  // so .ci/run sets NEXT_BUILD_FS_CACHE=0.
  experimental: { turbopackFileSystemCacheForBuild: process.env.NEXT_BUILD_FS_CACHE !== "0" },
  // The headers that are the same on every response, static assets included (proxy.ts skips those);
  // the per-request CSP and HSTS come from proxy.ts.
  async headers() {
    return [{ source: "/:path*", headers: STATIC_SECURITY_HEADERS }];
  },
};

export default nextConfig;
