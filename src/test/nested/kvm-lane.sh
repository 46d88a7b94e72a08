#!/bin/sh
# kvm-lane.sh OUT [CASE...]: the jkvm runs of the KVM test lane, run inside the L1 guest (see run-in-l1.sh)
# from the project directory, so that one L1 boot serves every case. For each case it writes
# OUT/<case>.log (jkvm's stdout and stderr), OUT/<case>.status (jkvm's exit status) and, where asked,
# OUT/<case>.stats.json, and echoes the log to the console between "=== CASE <case>" and
# "=== END <case> status=<n> seconds=<n>" lines. dev.jkvm.nested.NestedKvmTest checks the files.
#
# Cases (default: one two): one (1 vCPU), two (--cpus 2, and the command exits 3), each
# `bin/jkvm run --accel kvm --run ...` on the default guest. The device cases (dev.jkvm.nested.NestedDeviceTest)
# drive the guest's own Linux drivers with the guest commands of dev.jkvm.testing.DeviceWorkloads, which the host
# writes into OUT with the disk images:
#   disk-ide-dma  OUT/disk-ide-dma.img and .cmd as --disk if=ide: ata_piix with bus-master DMA
#   disk-ide-pio  OUT/disk-ide-pio.img and .cmd as --disk if=ide,pio=on: ata_piix in PIO mode
#   disk-virtio   OUT/disk-virtio.img and .cmd as --disk if=virtio: virtio_blk
#   qcow2         OUT/qcow2.qcow2 (64 MiB, empty) as --disk if=virtio,format=qcow2
#   net-e1000     OUT/net.cmd with --nic model=e1000,net=user: to and from the user network's peer
#   net-virtio    the same through --nic model=virtio,net=user
# The qcow2 case writes the output of `seq -w` (8 bytes a line, known to the host) to the first 24 MiB and 1 MiB
# at 40 MiB and prints the md5 of the whole disk (QCOW2-MD5); the host checks the image with qemu-img check and
# compare.
# JKVM_JAVA_OPTS defaults to C1 only: under TCG, C2 compilation doubles the JVM's start-up.
# L1_TSC_KHZ (set by run-in-l1.sh) goes to the nested guest as tsc_early_khz.
set -u
out=$1
shift
[ $# -gt 0 ] || set -- one two
export JKVM_JAVA_OPTS="${JKVM_JAVA_OPTS:--XX:TieredStopAtLevel=1}"
per_run_timeout=${KVM_LANE_RUN_TIMEOUT:-150}
# The device cases move 16-64 MiB on top of the boot: twice the time.
device_run_timeout=${KVM_LANE_DEVICE_TIMEOUT:-300}
append="tsc_early_khz=${L1_TSC_KHZ:-0}"
[ "${L1_TSC_KHZ:-0}" != 0 ] || append=

uptime_s() { cut -d' ' -f1 /proc/uptime | cut -d. -f1; }

run_case() {
    name=$1
    shift
    echo "=== CASE $name"
    start=$(uptime_s)
    # A timeout inside L1 too: a vCPU thread that dies of an Error would leave jkvm waiting.
    limit=$per_run_timeout
    case $name in disk-*|qcow2|net-*) limit=$device_run_timeout ;; esac
    timeout "$limit" bin/jkvm run --accel kvm ${append:+--append "$append"} "$@" > "$out/$name.log" 2>&1
    status=$?
    echo "$status" > "$out/$name.status"
    cat "$out/$name.log"
    echo
    echo "=== END $name status=$status seconds=$(( $(uptime_s) - start ))"
}

# Guest commands print "T <phase> <uptime>" lines between phases, for the durations.
mark='t() { echo "T $1 $(cut -d" " -f1 /proc/uptime)"; }'

# The qcow2 case: the pattern's first 24 MiB at 0 and 1 MiB of `seq -w 1000000 1131071` at 40 MiB; the rest of the 64 MiB stays
# unallocated (reads as zeros).
qcow2_command="$mark"'
dmesg | grep -E "virtio_blk|\[vda\]" | tail -4
t start
seq -w 0 3145727 | dd of=/dev/vda bs=1M iflag=fullblock oflag=direct || echo WRITE-FAILED
seq -w 1000000 1131071 | dd of=/dev/vda bs=1M seek=40 iflag=fullblock oflag=direct || echo WRITE-FAILED
t write
sync
t sync
echo QCOW2-MD5 $(dd if=/dev/vda bs=1M count=64 iflag=direct | md5sum)
t reread'

# need CASE FILE...: the files the host prepares in OUT for a case (see NestedDeviceTest).
need() {
    name=$1
    shift
    for file in "$@"; do
        [ -f "$out/$file" ] && continue
        echo "=== CASE $name"
        echo "kvm-lane.sh: $out/$file is missing (the host prepares it; see NestedDeviceTest)"
        echo 125 > "$out/$name.status"
        echo "=== END $name status=125 seconds=0"
        return 1
    done
}

command='uname -a; cat /proc/cpuinfo | grep -c processor'
for case in "$@"; do
    case $case in
    one) run_case one --stats-json "$out/one.stats.json" --run "$command" ;;
    two) run_case two --cpus 2 --stats-json "$out/two.stats.json" --run "$command; echo about to exit 3; exit 3" ;;
    disk-ide-dma) need "$case" "$case.img" "$case.cmd" && run_case "$case" --disk "$out/$case.img,if=ide" \
        --stats-json "$out/$case.stats.json" --run "$(cat "$out/$case.cmd")" ;;
    disk-ide-pio) need "$case" "$case.img" "$case.cmd" && run_case "$case" --disk "$out/$case.img,if=ide,pio=on" \
        --stats-json "$out/$case.stats.json" --run "$(cat "$out/$case.cmd")" ;;
    disk-virtio) need "$case" "$case.img" "$case.cmd" && run_case "$case" --disk "$out/$case.img,if=virtio" \
        --stats-json "$out/$case.stats.json" --run "$(cat "$out/$case.cmd")" ;;
    qcow2) need "$case" qcow2.qcow2 && run_case qcow2 --disk "$out/qcow2.qcow2,if=virtio,format=qcow2" \
        --stats-json "$out/qcow2.stats.json" --run "$qcow2_command" ;;
    net-e1000) need "$case" net.cmd && run_case "$case" --nic model=e1000,net=user --stats-json "$out/$case.stats.json" \
        --run "$(cat "$out/net.cmd")" ;;
    net-virtio) need "$case" net.cmd && run_case "$case" --nic model=virtio,net=user --stats-json "$out/$case.stats.json" \
        --run "$(cat "$out/net.cmd")" ;;
    *) echo "kvm-lane.sh: unknown case $case"; exit 2 ;;
    esac
done
sync
