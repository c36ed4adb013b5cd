# Lockstep's image: `next start` with the engine, and the tools its renders run (git, ssh,
# unshare, kustomize, helm). Build: docker build -t registry.example.com/lockstep:<tag> .
# The install that runs it is deploy/ (README, "Run in production").

# kustomize and helm, built from the same module files as the local cluster's toolchain
# (tools/localcluster), so the image renders with the versions the tests use.
FROM golang:1.26-bookworm AS tools
ENV GOTOOLCHAIN=local GOWORK=off CGO_ENABLED=0
WORKDIR /src
COPY tools/localcluster/kustomize/go.mod tools/localcluster/kustomize/go.sum kustomize/
COPY tools/localcluster/helm/go.mod tools/localcluster/helm/go.sum helm/
RUN cd kustomize && go mod download && go build -trimpath -buildvcs=false -ldflags="-s -w" -o /out/kustomize sigs.k8s.io/kustomize/kustomize/v5
RUN cd helm && go mod download && go build -trimpath -buildvcs=false -ldflags="-s -w" -o /out/helm helm.sh/helm/v4/cmd/helm

# The production build: every dependency to build (postinstall generates the Prisma client),
# then only the runtime ones kept.
FROM node:24-bookworm AS build
ENV NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1 PRISMA_SCHEMA_ENGINE_BINARY=/app/tools/prisma/no-schema-engine.sh
WORKDIR /app
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma prisma
COPY tools/prisma tools/prisma
RUN npm ci
COPY . .
RUN npm run build && rm -rf .next/cache && npm prune --omit=dev

FROM node:24-bookworm-slim
RUN apt-get update \
  && apt-get install -y --no-install-recommends ca-certificates git openssh-client util-linux tini libjemalloc2 \
  && rm -rf /var/lib/apt/lists/*
RUN groupadd --gid 10001 lockstep && useradd --uid 10001 --gid 10001 --home-dir /tmp --no-create-home --shell /usr/sbin/nologin lockstep
COPY --from=tools /out/kustomize /out/helm /usr/local/bin/
WORKDIR /app
COPY --from=build /app/package.json /app/next.config.js ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/.next .next
COPY --from=build /app/prisma prisma
COPY --from=build /app/tools/server/start.sh tools/server/start.sh
ENV NODE_ENV=production \
  NEXT_TELEMETRY_DISABLED=1 \
  HOME=/tmp \
  LOCKSTEP_DATA_DIR=/var/lib/lockstep \
  LOCKSTEP_KUSTOMIZE=/usr/local/bin/kustomize \
  LOCKSTEP_HELM=/usr/local/bin/helm
RUN mkdir -p /var/lib/lockstep /app/.next/cache && chown lockstep:lockstep /var/lib/lockstep /app/.next/cache
USER 10001:10001
EXPOSE 3000
# tini reaps the git, ssh and renderer processes and passes SIGTERM on, so the replica
# gives its Leases up before it exits.
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["sh", "tools/server/start.sh", "-p", "3000"]
