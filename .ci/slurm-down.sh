#!/usr/bin/env bash
# Stops exactly the Slurm and munge daemons .ci/setup.d/slurm.sh started, by their PIDs.
PIDDIR=${WATERBED_SLURM_PIDS:-/tmp/waterbed-slurm-pids}
for d in slurmd slurmctld munged; do
  f="$PIDDIR/$d.pid"
  [ -f "$f" ] || continue
  p=$(cat "$f")
  kill -TERM "$p" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done
  kill -0 "$p" 2>/dev/null && kill -KILL "$p" 2>/dev/null
  rm -f "$f"
done
# A stale pid file makes the packages' prerm scripts try to reach the controller.
rm -f /run/slurmctld.pid /run/slurmd.pid
