#!/bin/sh
# kvm-exits.sh OUT [CASE...]: exit counts of disk and network workloads under the nested KVM, run inside the
# L1 guest (src/test/nested/run-in-l1.sh) from the project directory. One VMM runs at a time; for each case:
#   OUT/<case>.log     the VMM's console (the guest prints "JKVM-CMP begin|end <phase> <uptime>" around each
#                      phase and "JKVM-CMP stat 0|1 <dev> <fields of /sys/block/<dev>/stat>" around disk phases)
#   OUT/<case>.snaps   "<begin|end> <phase> <exits> <io_exits> <mmio_exits> <halt_exits>": the VM's KVM
#                      counters (debugfs /sys/kernel/debug/kvm/<pid>-<fd>/) read when the marker appeared
#   OUT/<case>.trace   the kvm:kvm_userspace_exit, kvm:kvm_pio and kvm:kvm_mmio trace events, with a
#                      "PHASE <begin|end> <phase>" trace marker per snapshot
#   OUT/<case>.status  the VMM's exit status
# Every phase sleeps 1 s after each marker, so the snapshots fall in idle time; the "null" phase (markers and
# sleeps only) is what the parser subtracts. dev.jkvm.nested.KvmExits parses these files.
#
# Cases: jkvm-disk, jkvm-disk-off (--fast-paths=none), jkvm-net (e1000), jkvm-net-off (--no-coalesced-mmio),
# jkvm-vnet (virtio-net), qemu-disk, qemu-net, qemu-vnet (QEMU -accel kvm -M pc, same guest and workload; needs
# QEMU_FIRMWARE, a directory with bios-256k.bin, kvmvapic.bin and linuxboot_dma.bin).
# KVM_EXITS_MIB (default 32) sizes every workload.
set -u
out=$1
shift
[ $# -gt 0 ] || set -- jkvm-disk jkvm-disk-off jkvm-net jkvm-net-off
export JKVM_JAVA_OPTS="${JKVM_JAVA_OPTS:--XX:TieredStopAtLevel=1}"
mib=${KVM_EXITS_MIB:-32}
per_run_timeout=${KVM_EXITS_RUN_TIMEOUT:-240}
tsc="tsc_early_khz=${L1_TSC_KHZ:-0}"
[ "${L1_TSC_KHZ:-0}" != 0 ] || tsc=
work=/tmp/kvm-exits
mkdir -p "$work"

mountpoint -q /sys/kernel/debug 2>/dev/null || mount -t debugfs debugfs /sys/kernel/debug
T=/sys/kernel/debug/tracing
[ -d "$T/events/kvm" ] || { mount -t tracefs tracefs /sys/kernel/tracing 2>/dev/null; T=/sys/kernel/tracing; }
[ -d "$T/events/kvm" ] || echo "kvm-exits.sh: no kvm trace events: no user-space exit counts"

dd if=/dev/zero of="$work/ide.img" bs=1M count=$((mib + 4)) 2>/dev/null
dd if=/dev/zero of="$work/virtio.img" bs=1M count=$((mib + 4)) 2>/dev/null

# The guest's side: markers with a second of idle after each, and the workload between them.
marks='m(){ read u x</proc/uptime;echo JKVM-CMP $1 $2 $u;sleep 1;}
s(){ echo JKVM-CMP stat $1 $2 $(cat /sys/block/$2/stat);}
m begin null;m end null
'
# The host snapshots a marker only while the VMM runs: the last one needs idle time after it before the guest exits.
linger='
sleep 2'
disk_script="n=$mib
$marks"'for d in sda vda;do [ -b /dev/$d ]||continue;s 0 $d;m begin $d;dd if=/dev/$d of=/dev/null bs=1M count=$n iflag=direct 2>/dev/null;m end $d;s 1 $d;done'"$linger"
net_script="n=$mib
$marks"'ip addr add 10.0.2.15/24 dev eth0;ip link set eth0 up
i=0;while [ "$(cat /sys/class/net/eth0/carrier 2>/dev/null)" != 1 ]&&[ $i -lt 100 ];do sleep 0.1;i=$((i+1));done
m begin rx;echo $((n*1048576))|nc $p 19|dd of=/dev/null bs=1M count=$n iflag=fullblock 2>/dev/null;m end rx
m begin tx;dd if=/dev/zero bs=1M count=$n 2>/dev/null|nc $p 9 >/dev/null;m end tx'"$linger"

snap() {
    vm=$(ls -d /sys/kernel/debug/kvm/*-* 2>/dev/null | tail -n1)
    if [ -n "$vm" ]; then
        echo "$1 $(cat "$vm/exits" "$vm/io_exits" "$vm/mmio_exits" "$vm/halt_exits" 2>/dev/null | tr '\n' ' ')" >> "$out/$2.snaps"
    fi
    [ -w "$T/trace_marker" ] && echo "PHASE $1" > "$T/trace_marker"
}

trace_on() {
    [ -d "$T/events/kvm" ] || return 0
    echo 0 > "$T/tracing_on"
    echo 32768 > "$T/buffer_size_kb"
    echo > "$T/trace"
    for e in kvm_userspace_exit kvm_pio kvm_mmio; do echo 1 > "$T/events/kvm/$e/enable"; done
    echo 1 > "$T/tracing_on"
}

trace_off() {
    [ -d "$T/events/kvm" ] || return 0
    echo 0 > "$T/tracing_on"
    grep -E 'kvm_userspace_exit|kvm_pio|kvm_mmio|tracing_mark_write' "$T/trace" > "$out/$1.trace"
    for e in kvm_userspace_exit kvm_pio kvm_mmio; do echo 0 > "$T/events/kvm/$e/enable"; done
    echo > "$T/trace"
}

uptime_s() { cut -d' ' -f1 /proc/uptime | cut -d. -f1; }

# markers NAME: the phase markers the VMM has printed so far, into $work/markers. The console log grows a
# character at a time, so a marker counts only once the uptime after its phase name shows it complete.
markers() { grep -o 'JKVM-CMP \(begin\|end\) [a-z0-9]* [0-9]' "$out/$1.log" > "$work/markers" 2>/dev/null; }

# run_case NAME CMD...: runs the VMM in the background and snapshots the counters at each marker it prints.
run_case() {
    name=$1
    shift
    echo "=== CASE $name"
    start=$(uptime_s)
    : > "$out/$name.snaps"
    trace_on
    "$@" > "$out/$name.log" 2>&1 &
    pid=$!
    seen=0
    deadline=$(( start + per_run_timeout ))
    while kill -0 "$pid" 2>/dev/null; do
        markers "$name"
        total=$(wc -l < "$work/markers")
        while [ "$seen" -lt "$total" ]; do
            seen=$((seen + 1))
            snap "$(sed -n "${seen}p" "$work/markers" | cut -d' ' -f2,3)" "$name"
        done
        if [ "$(uptime_s)" -gt "$deadline" ]; then
            echo "kvm-exits.sh: $name: timeout after ${per_run_timeout}s"
            kill "$pid"
        fi
        sleep 0.2
    done
    wait "$pid"
    status=$?
    markers "$name"
    [ "$(wc -l < "$work/markers")" -le "$seen" ] || echo "kvm-exits.sh: $name: the VMM exited before its last markers were snapshotted"
    trace_off "$name"
    echo "$status" > "$out/$name.status"
    grep -a 'JKVM-CMP\|JKVM-EXIT\|rror\|xception' "$out/$name.log" | head -n 40
    echo "=== END $name status=$status seconds=$(( $(uptime_s) - start ))"
}

jkvm() {
    bin/jkvm run --accel kvm ${tsc:+--append "$tsc"} --console stdio "$@"
}

hex() { printf '%s' "$1" | od -An -v -tx1 | tr -d ' \n'; }

qemu() {
    guest=$(ls -d "$JKVM_CACHE"/guest/*/ | tail -n1)
    script=$1
    shift
    qemu-system-x86_64 -accel kvm -M pc -cpu host -smp 1 -m 512M -L "$QEMU_FIRMWARE" \
        -display none -monitor none -serial stdio -nodefaults -no-reboot \
        -kernel "$guest/vmlinuz" -initrd "$guest/initramfs.cpio.gz" \
        -append "console=ttyS0 acpi=off reboot=k panic=-1 tsc=reliable no_timer_check mitigations=off nokaslr i8042.noaux i8042.nomux i8042.nopnp i8042.nokbd quiet $tsc jkvm.run=$(hex "$script")" \
        "$@" < /dev/null
}

# The peer's services: jkvm's user network answers at 10.0.2.2; QEMU's slirp forwards no guest connection to its
# own address (10.0.2.2), so its services sit at 10.0.2.100.
jkvm_net_script="p=10.0.2.2
$net_script"
qemu_net_script="p=10.0.2.100
$net_script"
qemu_net="user,id=n0,guestfwd=tcp:10.0.2.100:19-cmd:sh -c 'read n;head -c \$n /dev/zero',guestfwd=tcp:10.0.2.100:9-cmd:sh -c 'cat >/dev/null;echo done'"

for case in "$@"; do
    case $case in
    jkvm-disk) run_case "$case" jkvm --disk "$work/ide.img,if=ide" --disk "$work/virtio.img,if=virtio" \
        --stats-json "$out/$case.stats.json" --run "$disk_script" ;;
    jkvm-disk-off) run_case "$case" jkvm --fast-paths=none --disk "$work/ide.img,if=ide" --disk "$work/virtio.img,if=virtio" \
        --stats-json "$out/$case.stats.json" --run "$disk_script" ;;
    jkvm-net) run_case "$case" jkvm --nic model=e1000 --stats-json "$out/$case.stats.json" --run "$jkvm_net_script" ;;
    jkvm-net-off) run_case "$case" jkvm --no-coalesced-mmio --nic model=e1000 --stats-json "$out/$case.stats.json" --run "$jkvm_net_script" ;;
    jkvm-vnet) run_case "$case" jkvm --nic model=virtio --stats-json "$out/$case.stats.json" --run "$jkvm_net_script" ;;
    qemu-disk) run_case "$case" qemu "$disk_script" \
        -drive "file=$work/ide.img,if=none,id=d0,format=raw" -device ide-hd,drive=d0,bus=ide.0 \
        -drive "file=$work/virtio.img,if=none,id=d1,format=raw" -device virtio-blk-pci,drive=d1,romfile= ;;
    qemu-net) run_case "$case" qemu "$qemu_net_script" -netdev "$qemu_net" -device e1000,netdev=n0,romfile= ;;
    qemu-vnet) run_case "$case" qemu "$qemu_net_script" -netdev "$qemu_net" -device virtio-net-pci,netdev=n0,romfile= ;;
    *) echo "kvm-exits.sh: unknown case $case"; exit 2 ;;
    esac
done
sync
