#!/bin/sh
# Starts the production server (`next start`, arguments passed on) with glibc's malloc told to
# give memory back: allocations of 128 KiB and more are mapped and unmapped on their own (glibc
# otherwise raises that threshold as large buffers are freed, and keeps them in a heap that
# fragments), free memory at the top of the heap is returned past 128 KiB, and at most two
# arenas are kept. At 1,000 apps this is hundreds of megabytes of resident memory
# (docs/performance.md). The MALLOC_* variables are used rather than GLIBC_TUNABLES because
# glibc 2.36 passes only the first of several tunables on to the processes it starts. Values
# already in the environment win; other C libraries ignore them.
: "${MALLOC_MMAP_THRESHOLD_:=131072}" "${MALLOC_TRIM_THRESHOLD_:=131072}" "${MALLOC_ARENA_MAX:=2}"
export MALLOC_MMAP_THRESHOLD_ MALLOC_TRIM_THRESHOLD_ MALLOC_ARENA_MAX
# jemalloc (Debian's libjemalloc2), when installed, replaces glibc's malloc: it hands freed pages
# back to the system within a second (glibc returns only the top of its heap, so a heap holed by
# short-lived buffers stays resident). LOCKSTEP_ALLOCATOR=system keeps glibc's.
if [ "${LOCKSTEP_ALLOCATOR:-jemalloc}" = jemalloc ]; then
  for lib in /usr/lib/"$(uname -m)"-linux-gnu/libjemalloc.so.2 /usr/lib64/libjemalloc.so.2 /usr/lib/libjemalloc.so.2; do
    if [ -r "$lib" ]; then
      LD_PRELOAD="$lib${LD_PRELOAD:+:$LD_PRELOAD}"
      : "${MALLOC_CONF:=background_thread:true,dirty_decay_ms:1000,muzzy_decay_ms:0,narenas:2}"
      export LD_PRELOAD MALLOC_CONF
      break
    fi
  done
fi
# V8 is told to grow its heap by a quarter of what a full collection leaves alive, instead of
# up to four times that, and to keep its young generation small (LOCKSTEP_NODE_FLAGS replaces
# these flags).
: "${LOCKSTEP_NODE_FLAGS=--heap-growing-percent=25 --max-semi-space-size=16}"
root=$(CDPATH= cd -- "$(dirname -- "$0")/../.." && pwd)
node=node
if [ -x "$root/node_modules/.bin/node" ]; then node="$root/node_modules/.bin/node"; fi
# shellcheck disable=SC2086 # the flags are words
exec "$node" $LOCKSTEP_NODE_FLAGS "$root/node_modules/next/dist/bin/next" start "$@"
