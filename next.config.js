/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  /** Several builds can coexist (parallel test runs): `LOCKSTEP_DIST_DIR` picks the output folder. */
  distDir: process.env.LOCKSTEP_DIST_DIR ?? ".next",
  serverExternalPackages: ["@kubernetes/client-node", "@libsql/client", "@prisma/adapter-libsql", "simple-git"],
  experimental: {
    /** `forbidden()` and `unauthorized()` answer 403 and 401 from pages and server actions. */
    authInterrupts: true,
    /** The proxy buffers request bodies for itself and the handler; API bodies over 1 MiB are refused anyway. */
    proxyClientMaxBodySize: "2mb",
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
