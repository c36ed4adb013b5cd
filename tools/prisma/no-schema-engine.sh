#!/bin/sh
# Stands in for Prisma's native schema engine, which cannot be downloaded on these machines.
# `prisma generate` only checks that the file exists; anything that would run it gets this message.
echo "Prisma's schema engine is not used by Lockstep: migrations are SQL files under prisma/migrations/, applied by the app at start-up (lib/db/migrate.ts)." >&2
exit 1
