#!/bin/sh
# Regenerates the raw linux/kvm.h bindings (package dev.jkvm.bindings.kvm) with jextract.
# Usage: JEXTRACT=/path/to/jextract native-bindings/jextract.sh
# Afterwards run the layout probe: mvn -o -pl native-bindings test
# Libc.java stays hand-written: jextract cannot emit errno-capturing downcalls.
# Kvm_h's _IO/_IOR/_IOW/_IOWR helpers are function-like macros jextract skips; it evaluates
# the request numbers itself, so only IoctlEncodingTest's direct use of _IOW needs them.
set -eu

if [ -z "${JEXTRACT:-}" ] || [ ! -x "$JEXTRACT" ]; then
    echo "jextract.sh: set JEXTRACT to a jextract executable (https://jdk.java.net/jextract);" \
         "the checked-in bindings under src/main/java/dev/jkvm/bindings stay as they are." >&2
    exit 1
fi

here=$(cd "$(dirname "$0")" && pwd)
header=${KVM_HEADER:-/usr/include/linux/kvm.h}
package=dev.jkvm.bindings.kvm
output="$here/src/main/java"
multiarch=$(gcc -print-multiarch 2>/dev/null || echo x86_64-linux-gnu)

if [ ! -r "$header" ]; then
    echo "jextract.sh: $header not found: install the Linux kernel headers (linux-libc-dev)" >&2
    exit 1
fi

# Structs the wrappers use, plus every struct their fields and unions reference:
# jextract refuses to emit a struct whose dependencies are filtered out.
structs="kvm_regs kvm_segment kvm_dtable kvm_sregs kvm_fpu kvm_lapic_state kvm_mp_state
kvm_userspace_memory_region kvm_cpuid2 kvm_cpuid_entry2 kvm_msrs kvm_msr_entry kvm_msr_list
kvm_irq_level kvm_pit_config kvm_irqfd kvm_ioeventfd kvm_irq_routing kvm_irq_routing_entry
kvm_irq_routing_irqchip kvm_irq_routing_msi kvm_irq_routing_s390_adapter kvm_irq_routing_hv_sint
kvm_irq_routing_xen_evtchn kvm_msi kvm_coalesced_mmio_zone kvm_coalesced_mmio kvm_coalesced_mmio_ring
kvm_signal_mask kvm_stats_header kvm_stats_desc kvm_run kvm_sync_regs kvm_vcpu_events
kvm_debug_exit_arch kvm_hyperv_exit kvm_xen_exit"

constants="KVM_API_VERSION KVMIO
KVM_CAP_IRQCHIP KVM_CAP_HLT KVM_CAP_USER_MEMORY KVM_CAP_SET_TSS_ADDR KVM_CAP_EXT_CPUID KVM_CAP_NR_VCPUS
KVM_CAP_NR_MEMSLOTS KVM_CAP_MP_STATE KVM_CAP_COALESCED_MMIO KVM_CAP_SYNC_MMU KVM_CAP_IRQ_ROUTING
KVM_CAP_IRQ_INJECT_STATUS KVM_CAP_IRQFD KVM_CAP_PIT2 KVM_CAP_PIT_STATE2 KVM_CAP_IOEVENTFD
KVM_CAP_SET_IDENTITY_MAP_ADDR KVM_CAP_ADJUST_CLOCK KVM_CAP_VCPU_EVENTS KVM_CAP_DEBUGREGS KVM_CAP_XSAVE
KVM_CAP_XCRS KVM_CAP_TSC_CONTROL KVM_CAP_GET_TSC_KHZ KVM_CAP_MAX_VCPUS KVM_CAP_TSC_DEADLINE_TIMER
KVM_CAP_SIGNAL_MSI KVM_CAP_READONLY_MEM KVM_CAP_IRQFD_RESAMPLE KVM_CAP_MAX_VCPU_ID KVM_CAP_IMMEDIATE_EXIT
KVM_CAP_BINARY_STATS_FD
KVM_EXIT_UNKNOWN KVM_EXIT_EXCEPTION KVM_EXIT_IO KVM_EXIT_HYPERCALL KVM_EXIT_DEBUG KVM_EXIT_HLT KVM_EXIT_MMIO
KVM_EXIT_IRQ_WINDOW_OPEN KVM_EXIT_SHUTDOWN KVM_EXIT_FAIL_ENTRY KVM_EXIT_INTR KVM_EXIT_SET_TPR
KVM_EXIT_TPR_ACCESS KVM_EXIT_NMI KVM_EXIT_INTERNAL_ERROR KVM_EXIT_SYSTEM_EVENT KVM_EXIT_IOAPIC_EOI
KVM_EXIT_HYPERV KVM_EXIT_X86_RDMSR KVM_EXIT_X86_WRMSR KVM_EXIT_DIRTY_RING_FULL KVM_EXIT_AP_RESET_HOLD
KVM_EXIT_X86_BUS_LOCK KVM_EXIT_XEN KVM_EXIT_NOTIFY KVM_EXIT_IO_IN KVM_EXIT_IO_OUT
KVM_INTERNAL_ERROR_EMULATION KVM_INTERNAL_ERROR_SIMUL_EX KVM_INTERNAL_ERROR_DELIVERY_EV
KVM_INTERNAL_ERROR_UNEXPECTED_EXIT_REASON
KVM_SYSTEM_EVENT_SHUTDOWN KVM_SYSTEM_EVENT_RESET KVM_SYSTEM_EVENT_CRASH KVM_SYSTEM_EVENT_WAKEUP
KVM_SYSTEM_EVENT_SUSPEND KVM_SYSTEM_EVENT_SEV_TERM
KVM_MP_STATE_RUNNABLE KVM_MP_STATE_UNINITIALIZED KVM_MP_STATE_INIT_RECEIVED KVM_MP_STATE_HALTED
KVM_MP_STATE_SIPI_RECEIVED KVM_MP_STATE_STOPPED KVM_MP_STATE_CHECK_STOP KVM_MP_STATE_OPERATING
KVM_MP_STATE_LOAD KVM_MP_STATE_AP_RESET_HOLD KVM_MP_STATE_SUSPENDED
KVM_MEM_LOG_DIRTY_PAGES KVM_MEM_READONLY KVM_PIT_SPEAKER_DUMMY KVM_IRQFD_FLAG_DEASSIGN KVM_IRQFD_FLAG_RESAMPLE
KVM_IOEVENTFD_FLAG_DATAMATCH KVM_IOEVENTFD_FLAG_PIO KVM_IOEVENTFD_FLAG_DEASSIGN
KVM_IRQ_ROUTING_IRQCHIP KVM_IRQ_ROUTING_MSI KVM_IRQCHIP_PIC_MASTER KVM_IRQCHIP_PIC_SLAVE KVM_IRQCHIP_IOAPIC
KVM_MSI_VALID_DEVID KVM_CPUID_FLAG_SIGNIFCANT_INDEX KVM_APIC_REG_SIZE KVM_NR_INTERRUPTS
KVM_PIO_PAGE_OFFSET KVM_COALESCED_MMIO_PAGE_OFFSET SYNC_REGS_SIZE_BYTES
KVM_STATS_TYPE_MASK KVM_STATS_TYPE_CUMULATIVE KVM_STATS_TYPE_INSTANT KVM_STATS_TYPE_PEAK
KVM_STATS_TYPE_LINEAR_HIST KVM_STATS_TYPE_LOG_HIST KVM_STATS_UNIT_MASK KVM_STATS_BASE_MASK
KVM_GET_API_VERSION KVM_CREATE_VM KVM_GET_MSR_INDEX_LIST KVM_CHECK_EXTENSION KVM_GET_VCPU_MMAP_SIZE
KVM_GET_SUPPORTED_CPUID KVM_CREATE_VCPU KVM_SET_USER_MEMORY_REGION KVM_SET_TSS_ADDR KVM_SET_IDENTITY_MAP_ADDR
KVM_CREATE_IRQCHIP KVM_IRQ_LINE KVM_REGISTER_COALESCED_MMIO KVM_UNREGISTER_COALESCED_MMIO KVM_SET_GSI_ROUTING
KVM_IRQFD KVM_CREATE_PIT2 KVM_IOEVENTFD KVM_SET_TSC_KHZ KVM_GET_TSC_KHZ KVM_SIGNAL_MSI KVM_RUN
KVM_GET_REGS KVM_SET_REGS KVM_GET_SREGS KVM_SET_SREGS KVM_GET_MSRS KVM_SET_MSRS KVM_SET_SIGNAL_MASK
KVM_GET_FPU KVM_SET_FPU KVM_GET_LAPIC KVM_SET_LAPIC KVM_SET_CPUID2 KVM_GET_MP_STATE KVM_SET_MP_STATE
KVM_GET_STATS_FD"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for s in $structs; do echo "--include-struct $s"; done >"$work/includes"
for c in $constants; do echo "--include-constant $c"; done >>"$work/includes"

# Generate aside, so a failed run leaves the checked-in bindings untouched.
"$JEXTRACT" \
    --include-dir "/usr/include/$multiarch" \
    --output "$work/out" \
    --target-package "$package" \
    --header-class-name Kvm_h \
    @"$work/includes" \
    "$header"

target="$output/dev/jkvm/bindings/kvm"
rm -f "$target"/*.java
cp "$work/out/dev/jkvm/bindings/kvm/"*.java "$target/"
echo "jextract.sh: regenerated $package from $header; now run the layout probe test."
