#!/bin/sh
# run-in-l1.sh CMD...: runs CMD (a shell command line) inside a first-level Linux guest under QEMU TCG
# with AMD SVM (-cpu max), where kvm_amd provides /dev/kvm: the KVM test lane on hosts without KVM.
# Streams the guest's console, exits with CMD's status (125: the L1 setup failed, 124: timeout,
# 126: QEMU ended without a status line).
#
# Inside L1, read-only 9p shares at their host paths: the JDK ($JAVA_HOME), the host's glibc
# (/lib/x86_64-linux-gnu, with /lib64/ld-linux-x86-64.so.2), the project and the jkvm cache
# ($JKVM_CACHE or ~/.cache/jkvm). $L1_OUT (a host directory) is shared read-write at its path.
# CMD runs in the project directory with JAVA_HOME, JKVM_CACHE, HOME and PATH set.
#
# Environment:
#   L1_KERNEL, L1_INITRD  the L1 kernel and initramfs (default: built/cached by dev.jkvm.nested.NestedHostImage,
#                         which needs the test classes: mvn -pl src test-compile)
#   L1_TIMEOUT            seconds before QEMU is killed (default 600)
#   L1_MEMORY, L1_CPUS    default 3G and 2
#   L1_CPU                QEMU's CPU model (default max,family=23,model=1). Plain max reports qemu64's
#                         family 15 (AMD K8); a K8 makes Linux search for the GART aperture (aperture_64.c)
#                         through 2 x 8192 PCI config reads, each a nested exit to jkvm's user space:
#                         33,000 exits and about 8 s of every nested boot. Family 23 has no GART.
#   L1_TSC_KHZ            the host TSC frequency (default: from dmesg or /proc/cpuinfo); the guest's TCG TSC
#                         counts at the host's rate, and calibrating it under emulation is unreliable
#   L1_PROJECT            the directory shared as the project (default: this script's project). The test
#                         passes a snapshot of bin/ and the built classes, so concurrent builds cannot
#                         change the classes under a running JVM
#   L1_OUT                a host directory to share read-write
#   L1_LOG                also write the raw console to this file
set -u

here=$(cd "$(dirname "$0")" && pwd)
source_root=$(cd "$here/../../.." && pwd)
project=$(cd "${L1_PROJECT:-$source_root}" && pwd)
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
cache=${JKVM_CACHE:-$HOME/.cache/jkvm}
timeout_s=${L1_TIMEOUT:-600}

[ $# -gt 0 ] || { echo "usage: run-in-l1.sh CMD..." >&2; exit 2; }
command -v qemu-system-x86_64 >/dev/null || { echo "run-in-l1.sh: qemu-system-x86_64 is not installed (apt-get install qemu-system-x86)" >&2; exit 125; }

if [ -z "${L1_KERNEL:-}" ] || [ -z "${L1_INITRD:-}" ]; then
    [ -d "$source_root/src/target/test-classes/dev/jkvm/nested" ] || {
        echo "run-in-l1.sh: set L1_KERNEL and L1_INITRD, or compile the test classes (mvn -pl src test-compile)" >&2; exit 125; }
    paths=$("$JAVA_HOME/bin/java" -cp "$source_root/src/target/test-classes:$source_root/src/target/classes:$source_root/src/target/lib/*" \
        dev.jkvm.nested.NestedHostImage "$here/l1-init.sh") || exit 125
    L1_KERNEL=$(echo "$paths" | sed -n 1p)
    L1_INITRD=$(echo "$paths" | sed -n 2p)
fi

tsc_khz=${L1_TSC_KHZ:-}
if [ -z "$tsc_khz" ]; then
    mhz=$(dmesg 2>/dev/null | sed -n 's/.*tsc: Detected \([0-9.]*\) MHz processor.*/\1/p' | head -n1)
    [ -n "$mhz" ] || mhz=$(sed -n 's/^cpu MHz[[:space:]]*: *\([0-9.]*\).*/\1/p' /proc/cpuinfo | head -n1)
    tsc_khz=$(awk -v m="$mhz" 'BEGIN { printf "%d", m * 1000 }')
fi

hex() { printf '%s' "$1" | od -An -v -tx1 | tr -d ' \n'; }

glibc=$(readlink -f /lib/x86_64-linux-gnu)
mounts="jdk $JAVA_HOME ro
glibc /lib/x86_64-linux-gnu ro
project $project ro
cache $cache ro"
shares="-virtfs local,path=$JAVA_HOME,mount_tag=jdk,security_model=none,readonly=on
-virtfs local,path=$glibc,mount_tag=glibc,security_model=none,readonly=on
-virtfs local,path=$project,mount_tag=project,security_model=none,readonly=on
-virtfs local,path=$cache,mount_tag=cache,security_model=none,readonly=on"
if [ -n "${L1_OUT:-}" ]; then
    mkdir -p "$L1_OUT"
    L1_OUT=$(cd "$L1_OUT" && pwd)
    mounts="$mounts
out $L1_OUT rw"
    shares="$shares
-virtfs local,path=$L1_OUT,mount_tag=out,security_model=none"
fi

prelude="export JAVA_HOME='$JAVA_HOME' JKVM_CACHE='$cache' HOME=/root PATH='$JAVA_HOME/bin:/sbin:/bin:/usr/sbin:/usr/bin' L1_TSC_KHZ=$tsc_khz; cd '$project' &&"
cmd="$prelude $*"
append="console=ttyS0 acpi=off quiet panic=-1 tsc_early_khz=$tsc_khz tsc=reliable no_timer_check mitigations=off nokaslr i8042.noaux i8042.nomux i8042.nopnp i8042.nokbd l1.mounts=$(hex "$mounts") l1.run=$(hex "$cmd")"
[ ${#append} -lt 2000 ] || { echo "run-in-l1.sh: the command is too long for the kernel command line (${#append} bytes)" >&2; exit 2; }

log=$(mktemp "${TMPDIR:-/tmp}/run-in-l1.XXXXXX")
trap 'rm -f "$log"' EXIT INT TERM
# shellcheck disable=SC2086 # $shares is word-split on purpose (no spaces in the paths)
timeout -k 5 "$timeout_s" qemu-system-x86_64 -accel tcg -cpu "${L1_CPU:-max,family=23,model=1}" -m "${L1_MEMORY:-3G}" -smp "${L1_CPUS:-2}" \
    -display none -monitor none -serial stdio -no-reboot -nodefaults \
    -kernel "$L1_KERNEL" -initrd "$L1_INITRD" -append "$append" \
    $shares </dev/null 2>&1 | tr -d '\r' | tee "$log" ${L1_LOG:+"$L1_LOG"}
status=$(sed -n 's/.*L1-EXIT \([0-9]*\)$/\1/p' "$log" | tail -n1)
if [ -n "$status" ]; then exit "$status"; fi
if ! grep -q 'L1-READY' "$log"; then echo "run-in-l1.sh: the L1 guest did not come up" >&2; fi
echo "run-in-l1.sh: no L1-EXIT line (timeout after ${timeout_s}s or QEMU failed)" >&2
exit 126
