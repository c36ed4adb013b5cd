/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  /** Several builds can coexist (parallel test runs): `LOCKSTEP_DIST_DIR` picks the output folder. */
  distDir: process.env.LOCKSTEP_DIST_DIR ?? ".next",
  serverExternalPackages: ["@kubernetes/client-node", "@libsql/client", "@prisma/adapter-libsql", "simple-git"],
};

export default nextConfig;
