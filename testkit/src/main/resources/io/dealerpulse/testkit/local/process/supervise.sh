# Runs one server on behalf of the JVM that started this script, and takes the server down when that
# JVM goes away - even when the JVM is killed with SIGKILL and gets no chance to clean up.
#
# usage: sh -c "<this script>" supervise PIDFILE GRACE_SECONDS SERVER [ARGS...]
#
# Standard input is a pipe whose only writer is the JVM. The pipe reaches EOF when the JVM closes it
# (an orderly stop) or when the JVM process ends for any reason; on EOF the server gets TERM, and KILL
# if it is still there after GRACE_SECONDS. The script itself exits when the server exits, with the
# server's status, so the JVM sees a crashed server as an exited process. (Should this shell be killed
# instead, the JVM closes the pipe as it notices the exit, and the watcher below stops the server.)

pidfile=$1
grace_tenths=$(( $2 * 10 ))
shift 2

exec 3<&0                        # keep the JVM pipe; background jobs get /dev/null as stdin
"$@" </dev/null 3<&- &
server=$!
echo "$server" > "$pidfile.tmp" && mv "$pidfile.tmp" "$pidfile"

(
  while read -r _; do :; done    # returns on EOF only: the JVM never writes
  kill -TERM "$server" 2>/dev/null
  waited=0
  while kill -0 "$server" 2>/dev/null && [ "$waited" -lt "$grace_tenths" ]; do
    sleep 0.1
    waited=$((waited + 1))
  done
  kill -KILL "$server" 2>/dev/null
) <&3 &
watcher=$!
exec 3<&-

wait "$server"
status=$?
kill "$watcher" 2>/dev/null
rm -f "$pidfile"
exit "$status"
