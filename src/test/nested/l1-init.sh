#!/bin/sh
# /init of the first-level (L1) guest of the `make test-kvm` lane: a Linux under QEMU TCG with AMD SVM
# (-cpu max), where kvm_amd gives a /dev/kvm for jkvm's KVM accelerator. Built into an initramfs by
# dev.jkvm.nested.NestedHostImage (same busybox as jkvm's default guest, modules for KVM, 9p, virtio-pci);
# booted by src/test/nested/run-in-l1.sh.
#
# Kernel command line contract (hex = the UTF-8 bytes in hex digits, so nothing needs quoting):
#   l1.mounts=<hex>  lines "TAG DIR ro|rw": 9p shares to mount at DIR (the host path, so paths agree)
#   l1.run=<hex>     the command, run with sh -c in / once the shares are mounted and /dev/kvm exists
# Console lines for the host:
#   L1-READY kvm=<yes|no>     the modules are loaded and the shares mounted
#   L1-EXIT <status>          the command's exit status (0-255), or 125 when the L1 setup failed
# Then the VM resets (reboot -f; QEMU runs with -no-reboot, so it exits).

export PATH=/sbin:/bin:/usr/sbin:/usr/bin HOME=/root

# Prints the value of the parameter named $1 in /proc/cmdline; fails when there is none.
param() {
    read -r cmdline < /proc/cmdline
    set -f
    for word in $cmdline; do
        case $word in
        "$1"=*) set +f; printf '%s' "${word#"$1"=}"; return 0 ;;
        esac
    done
    set +f
    return 1
}

# Decodes the hex digits in $1 to bytes on stdout.
unhex() {
    case $1 in *[!0-9a-fA-F]*) return 1 ;; esac
    printf '%s' "$1" | xxd -r -p
}

fail() {
    echo "l1-init: $*"
    echo "L1-EXIT 125"
    finish
}

finish() {
    sync
    reboot -f
    sleep 5
    poweroff -f
}

setup() {
    /bin/busybox --install -s
    mount -t proc proc /proc
    mount -t sysfs sysfs /sys
    mount -t devtmpfs devtmpfs /dev
    mkdir -p /dev/pts /dev/shm /tmp /run
    mount -t devpts devpts /dev/pts
    mount -t tmpfs -o mode=1777 tmpfs /dev/shm
    while read -r module; do
        insmod "/lib/modules/$module.ko" 2>/dev/null || echo "l1-init: warning: cannot load module $module"
    done < /etc/jkvm/modules
    ip link set lo up 2>/dev/null
    hostname l1
    # A minimal user database: java and sh look the user up.
    echo 'root:x:0:0:root:/root:/bin/sh' > /etc/passwd
    echo 'root:x:0:' > /etc/group

    hex=$(param l1.mounts) || hex=
    mounts=$(unhex "$hex") || fail "l1.mounts= must be hex digits"
    printf '%s\n' "$mounts" | while read -r tag dir mode; do
        [ -n "$tag" ] || continue
        mkdir -p "$dir"
        if [ "$mode" = rw ]; then opts=trans=virtio,version=9p2000.L,msize=524288
        else opts=trans=virtio,version=9p2000.L,ro,msize=524288,cache=loose; fi
        mount -t 9p -o "$opts" "$tag" "$dir" || echo "l1-init: warning: cannot mount 9p share $tag at $dir"
    done
    # The shared glibc's loader, where the JDK's ELF files look for it.
    if [ -e /lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 ] && [ ! -e /lib64/ld-linux-x86-64.so.2 ]; then
        mkdir -p /lib64
        ln -s /lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 /lib64/ld-linux-x86-64.so.2
    fi
}

main() {
    setup
    kvm=no
    [ -c /dev/kvm ] && kvm=yes
    echo "L1-READY kvm=$kvm"
    hex=$(param l1.run) || fail "no l1.run= on the kernel command line"
    command=$(unhex "$hex") || fail "l1.run= must be hex digits"
    cd /
    sh -c "$command"
    status=$?
    echo "L1-EXIT $status"
    finish
}

if [ "$$" -eq 1 ]; then
    main
fi
