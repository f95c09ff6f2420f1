#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# Keeps one FastCGI program running where there is no systemd (deploy/run.sh,
# the fault suite): starts it, and when it exits without being asked to,
# starts it again within a second (the first restarts at once, then up to
# 1 s apart while it keeps failing at start; gives up after 10 failures in a
# row within 2 s of starting, as systemd's start limit would). It owns the
# program's socket: only it removes a stale one, only while its own program
# is not running, and only if nothing listens there and it is a socket.
#
#   supervise.sh STATEDIR NAME SOCKET -- PROGRAM [ARGS...]
#
# STATEDIR holds NAME.lock (one supervisor per NAME), NAME.supervisor.pid
# and NAME.pid (the running program). SIGTERM/SIGINT stop the program
# (SIGTERM, it finishes its requests) and then the supervisor.
set -u

[ $# -ge 5 ] && [ "$4" = -- ] || { echo "usage: supervise.sh STATEDIR NAME SOCKET -- PROGRAM [ARGS...]" >&2; exit 2; }
dir=$1 name=$2 sock=$3
shift 4

say() { printf '%s supervise %s: %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$name" "$*" >&2; }

exec 9>>"$dir/$name.lock" || { say "cannot open $dir/$name.lock"; exit 1; }
flock -n 9 || { say "already supervised (lock $dir/$name.lock is held)"; exit 1; }
echo $$ >"$dir/$name.supervisor.pid" || { say "cannot write $dir/$name.supervisor.pid"; exit 1; }

# listening PATH: some process listens on the unix socket PATH.
listening() { ss -Hxl 2>/dev/null | awk -v p="$1" '$5 == p { f = 1 } END { exit !f }'; }

# A socket left behind by a program that was killed: nothing may listen on
# it (the lock says no other supervisor runs; an orphan from a supervisor
# that was killed itself still could).
remove_stale_socket() {
	[ -e "$sock" ] || [ -L "$sock" ] || return 0
	if [ -L "$sock" ] || [ ! -S "$sock" ]; then
		say "$sock exists and is not a socket; left alone"
		return 0   # the program refuses to start and says why
	fi
	if listening "$sock"; then
		say "something else listens on $sock; waiting"
		return 1
	fi
	rm -f -- "$sock" && say "removed stale socket $sock"
}

stop=0 child=
on_stop() {
	stop=1
	[ -n "$child" ] && kill -TERM "$child" 2>/dev/null
}
trap on_stop TERM INT HUP

now_ms() { date +%s%3N; }
fails=0
while [ $stop = 0 ]; do
	if ! remove_stale_socket; then
		sleep 1 & wait $!
		continue
	fi
	started=$(now_ms)
	"$@" &
	child=$!
	echo "$child" >"$dir/$name.pid"
	say "started pid $child"
	# wait returns early when a signal arrives; the child may still run.
	wait "$child"
	status=$?
	while kill -0 "$child" 2>/dev/null; do
		wait "$child"
		status=$?
	done
	child=
	rm -f "$dir/$name.pid"
	[ $stop = 1 ] && break
	ran=$(($(now_ms) - started))
	if [ "$ran" -lt 2000 ]; then
		fails=$((fails + 1))
	else
		fails=0
	fi
	if [ $fails -ge 10 ]; then
		say "exited with status $status 10 times within 2 s of starting; giving up"
		rm -f "$dir/$name.supervisor.pid"
		exit 1
	fi
	say "pid exited with status $status after ${ran} ms; restarting"
	# 0, 0.1, 0.2 ... 1 s: a crash is restarted at once, a crash loop slowly.
	if [ $fails -gt 0 ]; then
		sleep "0.$((fails < 10 ? fails : 9))" & wait $!
	fi
done
say "stopped (status $status)"
rm -f "$dir/$name.supervisor.pid"
exit 0
