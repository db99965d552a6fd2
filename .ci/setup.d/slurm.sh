#!/usr/bin/env bash
# CI: a single-node Slurm cluster (Debian's slurmctld, slurmd, slurm-client and munge) for the test
# that submits a sharded sweep as a real `sbatch --array` job (test/integration/sweep-slurm.test.ts).
# Debian 12's Slurm 22.05 with munge, no systemd: daemons started by hand, the node line written
# from `slurmd -C` on this machine and pinned to 127.0.0.1 so the hostname does not matter.
# Idempotent: packages already installed are not installed again, and a cluster whose node is idle
# is left running. .ci/slurm-down.sh stops the daemons this script started (by their PIDs).
set -euo pipefail
PIDDIR=${WATERBED_SLURM_PIDS:-/tmp/waterbed-slurm-pids}
mkdir -p "$PIDDIR"

if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v sbatch >/dev/null || ! command -v munged >/dev/null; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends slurmctld slurmd slurm-client munge
fi

H=$(hostname -s)
# A daemon counts as running only if its recorded PID is alive and is that daemon (a PID file left
# from an earlier boot may name an unrelated process by now).
alive() {
  local f="$PIDDIR/$1.pid"
  [ -f "$f" ] && [ "$(cat "/proc/$(cat "$f")/comm" 2>/dev/null)" = "$1" ]
}
if alive munged && alive slurmctld && alive slurmd && [ "$(sinfo -h -n "$H" -o %T 2>/dev/null || true)" = idle ]; then
  echo "slurm: already up"
  sinfo
  exit 0
fi

mkdir -p /var/spool/slurmctld /var/spool/slurmd /var/log/slurm /run/munge /var/lib/munge /var/log/munge /etc/slurm
chown slurm:slurm /var/spool/slurmctld /var/log/slurm
chown munge:munge /run/munge /var/lib/munge /var/log/munge /etc/munge
[ -s /etc/munge/munge.key ] || dd if=/dev/urandom of=/etc/munge/munge.key bs=1 count=128 status=none
chown munge:munge /etc/munge/munge.key
chmod 0400 /etc/munge/munge.key

# The node line from the hardware; loopback address so hostname resolution does not matter.
NODELINE="$(slurmd -C | head -1) NodeAddr=127.0.0.1 State=UNKNOWN"
cat > /etc/slurm/slurm.conf <<CONF
ClusterName=ci
SlurmctldHost=${H}(127.0.0.1)
SlurmUser=slurm
AuthType=auth/munge
CredType=cred/munge
MpiDefault=none
MailProg=/bin/true
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/backfill
SchedulerParameters=batch_sched_delay=0,sched_min_interval=0
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MinJobAge=3600
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=/run/slurmctld.pid
SlurmdPidFile=/run/slurmd.pid
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
${NODELINE}
PartitionName=debug Nodes=${H} Default=YES MaxTime=INFINITE State=UP
CONF

# munged in the foreground as user munge; setpriv execs, so $! is munged itself (not a wrapper).
if ! alive munged; then
  setsid setpriv --reuid=munge --regid=munge --init-groups /usr/sbin/munged -F \
    >/var/log/munge/munged.out 2>&1 </dev/null &
  echo $! > "$PIDDIR/munged.pid"
fi
for _ in $(seq 100); do munge -n </dev/null >/dev/null 2>&1 && break; sleep 0.1; done
munge -n </dev/null | unmunge >/dev/null
if ! alive slurmctld; then
  setsid /usr/sbin/slurmctld -D >/var/log/slurm/slurmctld.out 2>&1 </dev/null &
  echo $! > "$PIDDIR/slurmctld.pid"
fi
if ! alive slurmd; then
  setsid /usr/sbin/slurmd -D >/var/log/slurm/slurmd.out 2>&1 </dev/null &
  echo $! > "$PIDDIR/slurmd.pid"
fi
s=
for _ in $(seq 150); do
  s=$(sinfo -h -n "$H" -o %T 2>/dev/null || true)
  [ "$s" = idle ] && break
  sleep 0.2
done
if [ "$s" != idle ]; then
  scontrol update NodeName="$H" State=RESUME 2>/dev/null || true
  sleep 2
  s=$(sinfo -h -n "$H" -o %T 2>/dev/null || true)
fi
if [ "$s" != idle ]; then
  echo "slurm: node state '$s', expected idle"
  tail -n 20 /var/log/slurm/*.out /var/log/munge/munged.out || true
  exit 1
fi
sinfo
