#!/bin/bash
# bench-boot.sh: boot time of the default guest under jkvm's software CPU and under QEMU TCG, the
# peer to beat. Both boot the same decompressed vmlinux through its PVH entry with the same
# initramfs, memory, command line and one vCPU, and are timed from start to the init's JKVM-READY
# line. Runs alternate (jkvm, qemu, jkvm, ...) RUNS times each; the last line gives the medians:
#   bench-boot: jkvm <s> s, qemu <s> s, ratio <r>
set -euo pipefail
here=$(cd "$(dirname "$0")/../../.." && pwd)
jkvm="$here/bin/jkvm"
runs=${RUNS:-3}
memory=${MEMORY:-512M}
timeout_s=${BOOT_TIMEOUT:-300}

command -v qemu-system-x86_64 >/dev/null || { echo "bench-boot: qemu-system-x86_64 is missing (apt-get install qemu-system-x86)" >&2; exit 1; }
read -r kernel initramfs < <("$jkvm" guest path | paste -sd' ')
# jkvm decompresses the bzImage once and caches the vmlinux; a --kernel run of the bzImage fills the cache.
cache="${JKVM_CACHE:-$HOME/.cache/jkvm}/derived"
vmlinux=$(ls -t "$cache"/vmlinux-* 2>/dev/null | head -1 || true)
if [ -z "$vmlinux" ]; then
  "$jkvm" run --accel tcg --kernel "$kernel" --initrd "$initramfs" --console none --append 'panic=0' >/dev/null 2>&1 || true
  vmlinux=$(ls -t "$cache"/vmlinux-* | head -1)
fi
cmdline="console=ttyS0 acpi=off reboot=k panic=-1 tsc=reliable no_timer_check mitigations=off nokaslr i8042.noaux i8042.nomux i8042.nopnp i8042.nokbd quiet"

# time_to_ready CMD...: seconds from start until JKVM-READY appears on CMD's output; then stops CMD.
time_to_ready() {
  local start line fd pid elapsed=nan
  start=$(date +%s.%N)
  exec {fd}< <(exec timeout "$timeout_s" "$@" 2>&1 </dev/null)
  pid=$!
  while IFS= read -r -u "$fd" line; do
    if [[ $line == *JKVM-READY* ]]; then
      elapsed=$(echo "$(date +%s.%N) - $start" | bc)
      break
    fi
  done
  kill "$pid" 2>/dev/null || true
  exec {fd}<&-
  wait "$pid" 2>/dev/null || true
  [ "$elapsed" != nan ] || echo "bench-boot: no JKVM-READY from: $*" >&2
  echo "$elapsed"
}

median() { sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }

jk=(); qe=()
for i in $(seq "$runs"); do
  t=$(time_to_ready "$jkvm" run --accel tcg --memory "$memory" --cpus 1 --kernel "$vmlinux" --initrd "$initramfs" \
        --append quiet)
  jk+=("$t"); echo "run $i: jkvm $t s"
  t=$(time_to_ready qemu-system-x86_64 -accel tcg -m "$memory" -smp 1 -nographic -no-reboot -nic none \
        -kernel "$vmlinux" -initrd "$initramfs" -append "$cmdline")
  qe+=("$t"); echo "run $i: qemu $t s"
done
mj=$(printf '%s\n' "${jk[@]}" | median)
mq=$(printf '%s\n' "${qe[@]}" | median)
ratio=nan
[[ $mj == nan || $mq == nan ]] || ratio=$(echo "scale=2; $mj / $mq" | bc)
echo "bench-boot: jkvm $mj s, qemu $mq s, ratio $ratio"
