/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  /** Several builds can coexist (parallel test runs): `LOCKSTEP_DIST_DIR` picks the output folder. */
  distDir: process.env.LOCKSTEP_DIST_DIR ?? ".next",
  /**
   * Loaded by Node once, not bundled: the production build gives each route handler its own
   * copy of what it imports, and every copy a route loads stays in memory. Route handlers and
   * pages reach the engine through lib/engine/current, which imports nothing, so lib/ itself is
   * bundled once, with instrumentation. Bundling @kubernetes/client-node instead (tree-shaken,
   * about 28 MB less resident) measured slower in one-sample runs on a busy cluster, which later
   * runs put down to the machine; it stays external until an A/B on fresh clusters decides
   * (docs/performance.md, sixth and seventh sessions).
   */
  serverExternalPackages: ["@kubernetes/client-node", "@libsql/client", "@prisma/adapter-libsql", "@prisma/adapter-pg", "pg", "simple-git", "prom-client", "nodemailer", "zod", "yaml", "js-yaml", "croner", "lru-cache", "p-retry", "csv-stringify"],
  experimental: {
    /** `forbidden()` and `unauthorized()` answer 403 and 401 from pages and server actions. */
    authInterrupts: true,
    /**
     * The proxy buffers each request body up to this size for itself and the handler, and a
     * longer body reaches both cut short, without an error. So it stays above the largest body
     * limit (the Git webhook's 25 MiB, lib/http/body-limit.ts) by more than one network read:
     * a webhook of up to 25 MiB arrives whole, and a larger one is still seen as too large.
     * Next.js takes one size for every path (no per-route limit), so the other routes' 1 MiB
     * is enforced by the proxy itself, streaming, and an oversize body is never parsed.
     */
    proxyClientMaxBodySize: "26mb",
  },
  /** Security headers for every response, static files included; the proxy adds the Content-Security-Policy. */
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

export default nextConfig;
