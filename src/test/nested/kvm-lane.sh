#!/bin/sh
# kvm-lane.sh OUT [CASE...]: the jkvm runs of the KVM test lane, run inside the L1 guest (see run-in-l1.sh)
# from the project directory, so that one L1 boot serves every case. For each case it writes
# OUT/<case>.log (jkvm's stdout and stderr), OUT/<case>.status (jkvm's exit status) and, where asked,
# OUT/<case>.stats.json, and echoes the log to the console between "=== CASE <case>" and
# "=== END <case> status=<n> seconds=<n>" lines. dev.jkvm.nested.NestedKvmTest checks the files.
#
# Cases (default: one two exit3): one (1 vCPU), two (--cpus 2), exit3 (the command exits 3), each
# `bin/jkvm run --accel kvm --run ...` on the default guest. The device cases (dev.jkvm.nested.NestedDeviceTest)
# drive the guest's own Linux drivers; the disk cases expect their image in OUT, prepared by the host:
#   disk-ide-dma  OUT/disk-ide-dma.img (64 MiB raw) as --disk if=ide: ata_piix with bus-master DMA
#   disk-ide-pio  OUT/disk-ide-pio.img (16 MiB raw) as --disk if=ide,pio=on: ata_piix in PIO mode
#   disk-virtio   OUT/disk-virtio.img (64 MiB raw) as --disk if=virtio: virtio_blk
#   qcow2         OUT/qcow2.qcow2 (64 MiB, empty) as --disk if=virtio,format=qcow2
#   net-e1000     --nic model=e1000,net=user: 16 MiB to the user network's TCP sink and 16 MiB from its source
#   net-virtio    the same through --nic model=virtio,net=user
# A raw disk case prints the md5 of the whole disk read with O_DIRECT (READ-MD5), overwrites it with the
# output of `seq -w 0 N` (8 bytes a line, known to the host), reads that back (WRITE-MD5); the host checks the
# image. The qcow2 case writes the pattern to the first 24 MiB and 1 MiB at 40 MiB and prints the md5 of the whole
# disk (QCOW2-MD5); the host checks the image with qemu-img check and compare. The network cases print
# SINK <bytes> <md5> (the sink's reply for the pattern sent), SOURCE-MD5 (what arrived) and SOURCE-SUM (what the
# source says it sent).
# JKVM_JAVA_OPTS defaults to C1 only: under TCG, C2 compilation doubles the JVM's start-up.
# L1_TSC_KHZ (set by run-in-l1.sh) goes to the nested guest as tsc_early_khz.
set -u
out=$1
shift
[ $# -gt 0 ] || set -- one two exit3
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

# The guest command of a raw disk case: $1 the device, $2 its size in MiB. `seq -w 0 N` prints N+1 lines of
# 8 bytes when N has 7 digits, so 131072 lines a MiB; every 8 bytes differ, so misplaced sectors show.
# dd's own lines (bytes, seconds, rate) stay in the log, for the transfer rates.
disk_command() {
    dev=$1 mib=$2 last=$(( $2 * 131072 - 1 ))
    echo "$mark
dmesg | grep -E 'ata[0-9]+\.00: |virtio_blk|\[(sd|vd)a\]' | tail -8
t start
echo READ-MD5 \$(dd if=$dev bs=1M count=$mib iflag=direct | md5sum)
t read
seq -w 0 $last | dd of=$dev bs=1M iflag=fullblock oflag=direct || echo WRITE-FAILED
t write
sync
t sync
echo WRITE-MD5 \$(dd if=$dev bs=1M count=$mib iflag=direct | md5sum)
t reread"
}

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

# The network cases: 16 MiB of the seq pattern to the sink (port 9), 16 MiB of the source's pattern (port 19).
net_command="$mark"'
ip addr add 10.0.2.15/24 dev eth0 && ip link set eth0 up || echo NET-SETUP-FAILED
dmesg | grep -E "e1000|virtio_net|eth0" | tail -4
t start
echo SINK $(seq -w 0 2097151 | nc 10.0.2.2 9)
t sink
echo SOURCE-MD5 $(echo 16777216 | nc 10.0.2.2 19 | md5sum)
t source
echo SOURCE-SUM $(echo sum 16777216 | nc 10.0.2.2 19)'

# A disk case needs its image in OUT.
need() {
    [ -f "$out/$1" ] && return 0
    echo "=== CASE ${1%.*}"
    echo "kvm-lane.sh: $out/$1 is missing (the host prepares it; see NestedDeviceTest)"
    echo 125 > "$out/${1%.*}.status"
    echo "=== END ${1%.*} status=125 seconds=0"
    return 1
}

command='uname -a; cat /proc/cpuinfo | grep -c processor'
for case in "$@"; do
    case $case in
    one) run_case one --stats-json "$out/one.stats.json" --run "$command" ;;
    two) run_case two --cpus 2 --stats-json "$out/two.stats.json" --run "$command" ;;
    exit3) run_case exit3 --run 'echo about to exit 3; exit 3' ;;
    disk-ide-dma) need disk-ide-dma.img && run_case disk-ide-dma --disk "$out/disk-ide-dma.img,if=ide" \
        --stats-json "$out/disk-ide-dma.stats.json" --run "$(disk_command /dev/sda 64)" ;;
    disk-ide-pio) need disk-ide-pio.img && run_case disk-ide-pio --disk "$out/disk-ide-pio.img,if=ide,pio=on" \
        --stats-json "$out/disk-ide-pio.stats.json" --run "$(disk_command /dev/sda 16)" ;;
    disk-virtio) need disk-virtio.img && run_case disk-virtio --disk "$out/disk-virtio.img,if=virtio" \
        --stats-json "$out/disk-virtio.stats.json" --run "$(disk_command /dev/vda 64)" ;;
    qcow2) need qcow2.qcow2 && run_case qcow2 --disk "$out/qcow2.qcow2,if=virtio,format=qcow2" \
        --stats-json "$out/qcow2.stats.json" --run "$qcow2_command" ;;
    net-e1000) run_case net-e1000 --nic model=e1000,net=user --stats-json "$out/net-e1000.stats.json" --run "$net_command" ;;
    net-virtio) run_case net-virtio --nic model=virtio,net=user --stats-json "$out/net-virtio.stats.json" --run "$net_command" ;;
    *) echo "kvm-lane.sh: unknown case $case"; exit 2 ;;
    esac
done
sync
