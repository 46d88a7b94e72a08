#!/bin/sh
# kvm-lane.sh OUT [CASE...]: the jkvm runs of the KVM test lane, run inside the L1 guest (see run-in-l1.sh)
# from the project directory, so that one L1 boot serves every case. For each case it writes
# OUT/<case>.log (jkvm's stdout and stderr), OUT/<case>.status (jkvm's exit status) and, where asked,
# OUT/<case>.stats.json, and echoes the log to the console between "=== CASE <case>" and
# "=== END <case> status=<n> seconds=<n>" lines. dev.jkvm.nested.NestedKvmTest checks the files.
#
# Cases (default: all): one (1 vCPU), two (--cpus 2), exit3 (the command exits 3), each
# `bin/jkvm run --accel kvm --run ...` on the default guest.
# JKVM_JAVA_OPTS defaults to C1 only: under TCG, C2 compilation doubles the JVM's start-up.
# L1_TSC_KHZ (set by run-in-l1.sh) goes to the nested guest as tsc_early_khz.
set -u
out=$1
shift
[ $# -gt 0 ] || set -- one two exit3
export JKVM_JAVA_OPTS="${JKVM_JAVA_OPTS:--XX:TieredStopAtLevel=1}"
per_run_timeout=${KVM_LANE_RUN_TIMEOUT:-150}
append="tsc_early_khz=${L1_TSC_KHZ:-0}"
[ "${L1_TSC_KHZ:-0}" != 0 ] || append=

uptime_s() { cut -d' ' -f1 /proc/uptime | cut -d. -f1; }

run_case() {
    name=$1
    shift
    echo "=== CASE $name"
    start=$(uptime_s)
    # A timeout inside L1 too: a vCPU thread that dies of an Error would leave jkvm waiting.
    timeout "$per_run_timeout" bin/jkvm run --accel kvm ${append:+--append "$append"} "$@" > "$out/$name.log" 2>&1
    status=$?
    echo "$status" > "$out/$name.status"
    cat "$out/$name.log"
    echo
    echo "=== END $name status=$status seconds=$(( $(uptime_s) - start ))"
}

command='uname -a; cat /proc/cpuinfo | grep -c processor'
for case in "$@"; do
    case $case in
    one) run_case one --stats-json "$out/one.stats.json" --run "$command" ;;
    two) run_case two --cpus 2 --stats-json "$out/two.stats.json" --run "$command" ;;
    exit3) run_case exit3 --run 'echo about to exit 3; exit 3' ;;
    *) echo "kvm-lane.sh: unknown case $case"; exit 2 ;;
    esac
done
sync
