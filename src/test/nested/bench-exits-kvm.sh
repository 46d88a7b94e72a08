#!/bin/sh
# bench-exits-kvm.sh [CASE...]: `make bench-exits-kvm`. Under the nested KVM (a QEMU TCG L1 guest with AMD
# SVM, src/test/nested/run-in-l1.sh), runs the disk and network comparison workloads first under jkvm, then
# under QEMU (-accel kvm -M pc, the same default guest, the same workload), reads KVM's per-VM counters
# (debugfs) and its exit trace events for each (src/test/nested/kvm-exits.sh), and prints per-MiB tables
# side by side: total exits, exits to user space, and the registers behind the user-space exits
# (dev.jkvm.nested.KvmExits). Needs make build, the default guest, qemu-system-x86_64 and the test classes
# (mvn -pl src test-compile).
#
# Environment: KVM_EXITS_MIB (default 32), BENCH_OUT (default a temporary directory, kept), L1_TIMEOUT
# (default 1500).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export JAVA_HOME
[ $# -gt 0 ] || set -- jkvm-disk qemu-disk jkvm-net qemu-net jkvm-vnet qemu-vnet
[ -x "$root/bin/jkvm" ] || { echo "bench-exits-kvm.sh: make build first" >&2; exit 2; }
qemu=$(command -v qemu-system-x86_64) || { echo "bench-exits-kvm.sh: qemu-system-x86_64 is not installed" >&2; exit 2; }
cp_classes="$root/src/target/test-classes:$root/src/target/classes:$root/src/target/lib/*"
[ -d "$root/src/target/test-classes/dev/jkvm/nested" ] || { echo "bench-exits-kvm.sh: mvn -pl src test-compile first" >&2; exit 2; }

out=${BENCH_OUT:-$(mktemp -d "${TMPDIR:-/tmp}/bench-exits-kvm.XXXXXX")}
mkdir -p "$out/l1"
snapshot="$out/project"
rm -rf "$snapshot"
mkdir -p "$snapshot/bin" "$snapshot/src/target" "$snapshot/src/test/nested" "$snapshot/qemu/bin" "$snapshot/qemu/firmware"
# A copy of what runs in L1: builds in the tree must not change classes under a running JVM.
cp -a "$root/bin/jkvm" "$snapshot/bin/"
cp -a "$root/src/target/classes" "$root/src/target/lib" "$snapshot/src/target/"
cp -a "$here/kvm-exits.sh" "$snapshot/src/test/nested/"
cp "$qemu" "$snapshot/qemu/bin/"
for f in bios-256k.bin kvmvapic.bin linuxboot_dma.bin; do
    for d in /usr/share/qemu /usr/share/seabios /usr/lib/ipxe/qemu; do
        [ -e "$d/$f" ] && { cp -L "$d/$f" "$snapshot/qemu/firmware/"; break; }
    done
done

echo "bench-exits-kvm: cases $*, ${KVM_EXITS_MIB:-32} MiB each; files in $out"
L1_PROJECT="$snapshot" L1_OUT="$out/l1" L1_TIMEOUT="${L1_TIMEOUT:-1500}" \
    sh "$here/run-in-l1.sh" "PATH=$snapshot/qemu/bin:\$PATH QEMU_FIRMWARE=$snapshot/qemu/firmware KVM_EXITS_MIB=${KVM_EXITS_MIB:-32} sh src/test/nested/kvm-exits.sh $out/l1 $*" \
    > "$out/l1-console.log" 2>&1 || echo "bench-exits-kvm.sh: the L1 run failed (status $?); see $out/l1-console.log" >&2
grep -a '^=== \|JKVM-CMP end [01]$\|kvm-exits' "$out/l1-console.log" || true
"$JAVA_HOME/bin/java" -cp "$cp_classes" dev.jkvm.nested.KvmExits bench "$out/l1" "${KVM_EXITS_MIB:-32}"
