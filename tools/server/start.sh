#!/bin/sh
# Starts the production server (`next start`, arguments passed on) with glibc's malloc told to
# give memory back: allocations of 128 KiB and more are mapped and unmapped on their own (glibc
# otherwise raises that threshold as large buffers are freed, and keeps them in a heap that
# fragments), free memory at the top of the heap is returned past 128 KiB, and at most two
# arenas are kept. At 1,000 apps this is hundreds of megabytes of resident memory
# (docs/performance.md). Settings already in the environment win; other C libraries ignore them.
: "${GLIBC_TUNABLES:=glibc.malloc.mmap_threshold=131072:glibc.malloc.trim_threshold=131072:glibc.malloc.arena_max=2}"
export GLIBC_TUNABLES
root=$(CDPATH= cd -- "$(dirname -- "$0")/../.." && pwd)
exec "$root/node_modules/.bin/next" start "$@"
