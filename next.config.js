/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  serverExternalPackages: ["@kubernetes/client-node", "@libsql/client", "@prisma/adapter-libsql", "simple-git"],
};

export default nextConfig;
