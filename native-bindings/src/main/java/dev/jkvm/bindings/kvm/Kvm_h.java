// Generated-style header class for linux/kvm.h and asm/kvm.h (x86_64); regenerate with jextract.sh.
package dev.jkvm.bindings.kvm;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.ValueLayout;

/**
 * Constants and ioctl request numbers of {@code <linux/kvm.h>}, in jextract's header-class shape:
 * one static accessor per macro. The request numbers are encoded by {@link #_IOC} exactly as
 * {@code asm-generic/ioctl.h} does, with argument sizes taken from the struct layouts, so the
 * layout probe test checks both against the C compiler.
 */
public class Kvm_h {

    Kvm_h() {
        // Should not be called directly
    }

    public static final ValueLayout.OfByte C_CHAR = ValueLayout.JAVA_BYTE;
    public static final ValueLayout.OfShort C_SHORT = ValueLayout.JAVA_SHORT;
    public static final ValueLayout.OfInt C_INT = ValueLayout.JAVA_INT;
    public static final ValueLayout.OfLong C_LONG = ValueLayout.JAVA_LONG;
    public static final ValueLayout.OfLong C_LONG_LONG = ValueLayout.JAVA_LONG;
    public static final AddressLayout C_POINTER = ValueLayout.ADDRESS;

    private static final int _IOC_NRBITS = 8;
    private static final int _IOC_TYPEBITS = 8;
    private static final int _IOC_SIZEBITS = 14;
    private static final int _IOC_NRSHIFT = 0;
    private static final int _IOC_TYPESHIFT = _IOC_NRSHIFT + _IOC_NRBITS;
    private static final int _IOC_SIZESHIFT = _IOC_TYPESHIFT + _IOC_TYPEBITS;
    private static final int _IOC_DIRSHIFT = _IOC_SIZESHIFT + _IOC_SIZEBITS;
    private static final int _IOC_NONE = 0;
    private static final int _IOC_WRITE = 1;
    private static final int _IOC_READ = 2;

    /** {@code _IOC(dir, type, nr, size)}: a 32-bit request number, zero-extended. */
    public static long _IOC(int dir, int type, int nr, long size) {
        if (size < 0 || size >= 1L << _IOC_SIZEBITS) {
            throw new IllegalArgumentException("ioctl argument size " + size + " does not fit in " + _IOC_SIZEBITS + " bits");
        }
        return Integer.toUnsignedLong(dir << _IOC_DIRSHIFT | (int) size << _IOC_SIZESHIFT | type << _IOC_TYPESHIFT | nr << _IOC_NRSHIFT);
    }

    // As in C, where sizeof makes _IOR/_IOW/_IOWR unsigned long but _IO stays unsigned int.
    public static int _IO(int type, int nr) { return (int) _IOC(_IOC_NONE, type, nr, 0); }

    public static long _IOR(int type, int nr, long size) { return _IOC(_IOC_READ, type, nr, size); }

    public static long _IOW(int type, int nr, long size) { return _IOC(_IOC_WRITE, type, nr, size); }

    public static long _IOWR(int type, int nr, long size) { return _IOC(_IOC_READ | _IOC_WRITE, type, nr, size); }

    /** {@snippet lang=c : #define KVM_API_VERSION 12 } */
    public static int KVM_API_VERSION() { return 12; }

    /** {@snippet lang=c : #define KVMIO 0xAE } */
    public static int KVMIO() { return 0xAE; }

    /** {@snippet lang=c : #define KVM_CAP_IRQCHIP 0 } */
    public static int KVM_CAP_IRQCHIP() { return 0; }

    /** {@snippet lang=c : #define KVM_CAP_HLT 1 } */
    public static int KVM_CAP_HLT() { return 1; }

    /** {@snippet lang=c : #define KVM_CAP_USER_MEMORY 3 } */
    public static int KVM_CAP_USER_MEMORY() { return 3; }

    /** {@snippet lang=c : #define KVM_CAP_SET_TSS_ADDR 4 } */
    public static int KVM_CAP_SET_TSS_ADDR() { return 4; }

    /** {@snippet lang=c : #define KVM_CAP_EXT_CPUID 7 } */
    public static int KVM_CAP_EXT_CPUID() { return 7; }

    /** {@snippet lang=c : #define KVM_CAP_NR_VCPUS 9 } */
    public static int KVM_CAP_NR_VCPUS() { return 9; }

    /** {@snippet lang=c : #define KVM_CAP_NR_MEMSLOTS 10 } */
    public static int KVM_CAP_NR_MEMSLOTS() { return 10; }

    /** {@snippet lang=c : #define KVM_CAP_MP_STATE 14 } */
    public static int KVM_CAP_MP_STATE() { return 14; }

    /** {@snippet lang=c : #define KVM_CAP_COALESCED_MMIO 15 } */
    public static int KVM_CAP_COALESCED_MMIO() { return 15; }

    /** {@snippet lang=c : #define KVM_CAP_SYNC_MMU 16 } */
    public static int KVM_CAP_SYNC_MMU() { return 16; }

    /** {@snippet lang=c : #define KVM_CAP_IRQ_ROUTING 25 } */
    public static int KVM_CAP_IRQ_ROUTING() { return 25; }

    /** {@snippet lang=c : #define KVM_CAP_IRQ_INJECT_STATUS 26 } */
    public static int KVM_CAP_IRQ_INJECT_STATUS() { return 26; }

    /** {@snippet lang=c : #define KVM_CAP_IRQFD 32 } */
    public static int KVM_CAP_IRQFD() { return 32; }

    /** {@snippet lang=c : #define KVM_CAP_PIT2 33 } */
    public static int KVM_CAP_PIT2() { return 33; }

    /** {@snippet lang=c : #define KVM_CAP_PIT_STATE2 35 } */
    public static int KVM_CAP_PIT_STATE2() { return 35; }

    /** {@snippet lang=c : #define KVM_CAP_IOEVENTFD 36 } */
    public static int KVM_CAP_IOEVENTFD() { return 36; }

    /** {@snippet lang=c : #define KVM_CAP_SET_IDENTITY_MAP_ADDR 37 } */
    public static int KVM_CAP_SET_IDENTITY_MAP_ADDR() { return 37; }

    /** {@snippet lang=c : #define KVM_CAP_ADJUST_CLOCK 39 } */
    public static int KVM_CAP_ADJUST_CLOCK() { return 39; }

    /** {@snippet lang=c : #define KVM_CAP_VCPU_EVENTS 41 } */
    public static int KVM_CAP_VCPU_EVENTS() { return 41; }

    /** {@snippet lang=c : #define KVM_CAP_DEBUGREGS 50 } */
    public static int KVM_CAP_DEBUGREGS() { return 50; }

    /** {@snippet lang=c : #define KVM_CAP_XSAVE 55 } */
    public static int KVM_CAP_XSAVE() { return 55; }

    /** {@snippet lang=c : #define KVM_CAP_XCRS 56 } */
    public static int KVM_CAP_XCRS() { return 56; }

    /** {@snippet lang=c : #define KVM_CAP_TSC_CONTROL 60 } */
    public static int KVM_CAP_TSC_CONTROL() { return 60; }

    /** {@snippet lang=c : #define KVM_CAP_GET_TSC_KHZ 61 } */
    public static int KVM_CAP_GET_TSC_KHZ() { return 61; }

    /** {@snippet lang=c : #define KVM_CAP_MAX_VCPUS 66 } */
    public static int KVM_CAP_MAX_VCPUS() { return 66; }

    /** {@snippet lang=c : #define KVM_CAP_TSC_DEADLINE_TIMER 72 } */
    public static int KVM_CAP_TSC_DEADLINE_TIMER() { return 72; }

    /** {@snippet lang=c : #define KVM_CAP_SIGNAL_MSI 77 } */
    public static int KVM_CAP_SIGNAL_MSI() { return 77; }

    /** {@snippet lang=c : #define KVM_CAP_READONLY_MEM 81 } */
    public static int KVM_CAP_READONLY_MEM() { return 81; }

    /** {@snippet lang=c : #define KVM_CAP_IRQFD_RESAMPLE 82 } */
    public static int KVM_CAP_IRQFD_RESAMPLE() { return 82; }

    /** {@snippet lang=c : #define KVM_CAP_MAX_VCPU_ID 128 } */
    public static int KVM_CAP_MAX_VCPU_ID() { return 128; }

    /** {@snippet lang=c : #define KVM_CAP_IMMEDIATE_EXIT 136 } */
    public static int KVM_CAP_IMMEDIATE_EXIT() { return 136; }

    /** {@snippet lang=c : #define KVM_CAP_BINARY_STATS_FD 203 } */
    public static int KVM_CAP_BINARY_STATS_FD() { return 203; }

    /** {@snippet lang=c : #define KVM_EXIT_UNKNOWN 0 } */
    public static int KVM_EXIT_UNKNOWN() { return 0; }

    /** {@snippet lang=c : #define KVM_EXIT_EXCEPTION 1 } */
    public static int KVM_EXIT_EXCEPTION() { return 1; }

    /** {@snippet lang=c : #define KVM_EXIT_IO 2 } */
    public static int KVM_EXIT_IO() { return 2; }

    /** {@snippet lang=c : #define KVM_EXIT_HYPERCALL 3 } */
    public static int KVM_EXIT_HYPERCALL() { return 3; }

    /** {@snippet lang=c : #define KVM_EXIT_DEBUG 4 } */
    public static int KVM_EXIT_DEBUG() { return 4; }

    /** {@snippet lang=c : #define KVM_EXIT_HLT 5 } */
    public static int KVM_EXIT_HLT() { return 5; }

    /** {@snippet lang=c : #define KVM_EXIT_MMIO 6 } */
    public static int KVM_EXIT_MMIO() { return 6; }

    /** {@snippet lang=c : #define KVM_EXIT_IRQ_WINDOW_OPEN 7 } */
    public static int KVM_EXIT_IRQ_WINDOW_OPEN() { return 7; }

    /** {@snippet lang=c : #define KVM_EXIT_SHUTDOWN 8 } */
    public static int KVM_EXIT_SHUTDOWN() { return 8; }

    /** {@snippet lang=c : #define KVM_EXIT_FAIL_ENTRY 9 } */
    public static int KVM_EXIT_FAIL_ENTRY() { return 9; }

    /** {@snippet lang=c : #define KVM_EXIT_INTR 10 } */
    public static int KVM_EXIT_INTR() { return 10; }

    /** {@snippet lang=c : #define KVM_EXIT_SET_TPR 11 } */
    public static int KVM_EXIT_SET_TPR() { return 11; }

    /** {@snippet lang=c : #define KVM_EXIT_TPR_ACCESS 12 } */
    public static int KVM_EXIT_TPR_ACCESS() { return 12; }

    /** {@snippet lang=c : #define KVM_EXIT_NMI 16 } */
    public static int KVM_EXIT_NMI() { return 16; }

    /** {@snippet lang=c : #define KVM_EXIT_INTERNAL_ERROR 17 } */
    public static int KVM_EXIT_INTERNAL_ERROR() { return 17; }

    /** {@snippet lang=c : #define KVM_EXIT_SYSTEM_EVENT 24 } */
    public static int KVM_EXIT_SYSTEM_EVENT() { return 24; }

    /** {@snippet lang=c : #define KVM_EXIT_IOAPIC_EOI 26 } */
    public static int KVM_EXIT_IOAPIC_EOI() { return 26; }

    /** {@snippet lang=c : #define KVM_EXIT_HYPERV 27 } */
    public static int KVM_EXIT_HYPERV() { return 27; }

    /** {@snippet lang=c : #define KVM_EXIT_X86_RDMSR 29 } */
    public static int KVM_EXIT_X86_RDMSR() { return 29; }

    /** {@snippet lang=c : #define KVM_EXIT_X86_WRMSR 30 } */
    public static int KVM_EXIT_X86_WRMSR() { return 30; }

    /** {@snippet lang=c : #define KVM_EXIT_DIRTY_RING_FULL 31 } */
    public static int KVM_EXIT_DIRTY_RING_FULL() { return 31; }

    /** {@snippet lang=c : #define KVM_EXIT_AP_RESET_HOLD 32 } */
    public static int KVM_EXIT_AP_RESET_HOLD() { return 32; }

    /** {@snippet lang=c : #define KVM_EXIT_X86_BUS_LOCK 33 } */
    public static int KVM_EXIT_X86_BUS_LOCK() { return 33; }

    /** {@snippet lang=c : #define KVM_EXIT_XEN 34 } */
    public static int KVM_EXIT_XEN() { return 34; }

    /** {@snippet lang=c : #define KVM_EXIT_NOTIFY 37 } */
    public static int KVM_EXIT_NOTIFY() { return 37; }

    /** {@snippet lang=c : #define KVM_EXIT_IO_IN 0 } */
    public static int KVM_EXIT_IO_IN() { return 0; }

    /** {@snippet lang=c : #define KVM_EXIT_IO_OUT 1 } */
    public static int KVM_EXIT_IO_OUT() { return 1; }

    /** {@snippet lang=c : #define KVM_INTERNAL_ERROR_EMULATION 1 } */
    public static int KVM_INTERNAL_ERROR_EMULATION() { return 1; }

    /** {@snippet lang=c : #define KVM_INTERNAL_ERROR_SIMUL_EX 2 } */
    public static int KVM_INTERNAL_ERROR_SIMUL_EX() { return 2; }

    /** {@snippet lang=c : #define KVM_INTERNAL_ERROR_DELIVERY_EV 3 } */
    public static int KVM_INTERNAL_ERROR_DELIVERY_EV() { return 3; }

    /** {@snippet lang=c : #define KVM_INTERNAL_ERROR_UNEXPECTED_EXIT_REASON 4 } */
    public static int KVM_INTERNAL_ERROR_UNEXPECTED_EXIT_REASON() { return 4; }

    /** {@snippet lang=c : #define KVM_SYSTEM_EVENT_SHUTDOWN 1 } */
    public static int KVM_SYSTEM_EVENT_SHUTDOWN() { return 1; }

    /** {@snippet lang=c : #define KVM_SYSTEM_EVENT_RESET 2 } */
    public static int KVM_SYSTEM_EVENT_RESET() { return 2; }

    /** {@snippet lang=c : #define KVM_SYSTEM_EVENT_CRASH 3 } */
    public static int KVM_SYSTEM_EVENT_CRASH() { return 3; }

    /** {@snippet lang=c : #define KVM_SYSTEM_EVENT_WAKEUP 4 } */
    public static int KVM_SYSTEM_EVENT_WAKEUP() { return 4; }

    /** {@snippet lang=c : #define KVM_SYSTEM_EVENT_SUSPEND 5 } */
    public static int KVM_SYSTEM_EVENT_SUSPEND() { return 5; }

    /** {@snippet lang=c : #define KVM_SYSTEM_EVENT_SEV_TERM 6 } */
    public static int KVM_SYSTEM_EVENT_SEV_TERM() { return 6; }

    /** {@snippet lang=c : #define KVM_MP_STATE_RUNNABLE 0 } */
    public static int KVM_MP_STATE_RUNNABLE() { return 0; }

    /** {@snippet lang=c : #define KVM_MP_STATE_UNINITIALIZED 1 } */
    public static int KVM_MP_STATE_UNINITIALIZED() { return 1; }

    /** {@snippet lang=c : #define KVM_MP_STATE_INIT_RECEIVED 2 } */
    public static int KVM_MP_STATE_INIT_RECEIVED() { return 2; }

    /** {@snippet lang=c : #define KVM_MP_STATE_HALTED 3 } */
    public static int KVM_MP_STATE_HALTED() { return 3; }

    /** {@snippet lang=c : #define KVM_MP_STATE_SIPI_RECEIVED 4 } */
    public static int KVM_MP_STATE_SIPI_RECEIVED() { return 4; }

    /** {@snippet lang=c : #define KVM_MP_STATE_STOPPED 5 } */
    public static int KVM_MP_STATE_STOPPED() { return 5; }

    /** {@snippet lang=c : #define KVM_MP_STATE_CHECK_STOP 6 } */
    public static int KVM_MP_STATE_CHECK_STOP() { return 6; }

    /** {@snippet lang=c : #define KVM_MP_STATE_OPERATING 7 } */
    public static int KVM_MP_STATE_OPERATING() { return 7; }

    /** {@snippet lang=c : #define KVM_MP_STATE_LOAD 8 } */
    public static int KVM_MP_STATE_LOAD() { return 8; }

    /** {@snippet lang=c : #define KVM_MP_STATE_AP_RESET_HOLD 9 } */
    public static int KVM_MP_STATE_AP_RESET_HOLD() { return 9; }

    /** {@snippet lang=c : #define KVM_MP_STATE_SUSPENDED 10 } */
    public static int KVM_MP_STATE_SUSPENDED() { return 10; }

    /** {@snippet lang=c : #define KVM_MEM_LOG_DIRTY_PAGES (1UL << 0) } */
    public static long KVM_MEM_LOG_DIRTY_PAGES() { return 1L; }

    /** {@snippet lang=c : #define KVM_MEM_READONLY (1UL << 1) } */
    public static long KVM_MEM_READONLY() { return 2L; }

    /** {@snippet lang=c : #define KVM_PIT_SPEAKER_DUMMY 1 } */
    public static int KVM_PIT_SPEAKER_DUMMY() { return 1; }

    /** {@snippet lang=c : #define KVM_IRQFD_FLAG_DEASSIGN 1 } */
    public static int KVM_IRQFD_FLAG_DEASSIGN() { return 1; }

    /** {@snippet lang=c : #define KVM_IRQFD_FLAG_RESAMPLE 2 } */
    public static int KVM_IRQFD_FLAG_RESAMPLE() { return 2; }

    /** {@snippet lang=c : #define KVM_IOEVENTFD_FLAG_DATAMATCH 1 } */
    public static int KVM_IOEVENTFD_FLAG_DATAMATCH() { return 1; }

    /** {@snippet lang=c : #define KVM_IOEVENTFD_FLAG_PIO 2 } */
    public static int KVM_IOEVENTFD_FLAG_PIO() { return 2; }

    /** {@snippet lang=c : #define KVM_IOEVENTFD_FLAG_DEASSIGN 4 } */
    public static int KVM_IOEVENTFD_FLAG_DEASSIGN() { return 4; }

    /** {@snippet lang=c : #define KVM_IRQ_ROUTING_IRQCHIP 1 } */
    public static int KVM_IRQ_ROUTING_IRQCHIP() { return 1; }

    /** {@snippet lang=c : #define KVM_IRQ_ROUTING_MSI 2 } */
    public static int KVM_IRQ_ROUTING_MSI() { return 2; }

    /** {@snippet lang=c : #define KVM_IRQCHIP_PIC_MASTER 0 } */
    public static int KVM_IRQCHIP_PIC_MASTER() { return 0; }

    /** {@snippet lang=c : #define KVM_IRQCHIP_PIC_SLAVE 1 } */
    public static int KVM_IRQCHIP_PIC_SLAVE() { return 1; }

    /** {@snippet lang=c : #define KVM_IRQCHIP_IOAPIC 2 } */
    public static int KVM_IRQCHIP_IOAPIC() { return 2; }

    /** {@snippet lang=c : #define KVM_MSI_VALID_DEVID 1 } */
    public static int KVM_MSI_VALID_DEVID() { return 1; }

    /** {@snippet lang=c : #define KVM_CPUID_FLAG_SIGNIFCANT_INDEX 1 } */
    public static int KVM_CPUID_FLAG_SIGNIFCANT_INDEX() { return 1; }

    /** {@snippet lang=c : #define KVM_APIC_REG_SIZE 0x400 } */
    public static int KVM_APIC_REG_SIZE() { return 0x400; }

    /** {@snippet lang=c : #define KVM_NR_INTERRUPTS 256 } */
    public static int KVM_NR_INTERRUPTS() { return 256; }

    /** {@snippet lang=c : #define KVM_PIO_PAGE_OFFSET 1 } */
    public static int KVM_PIO_PAGE_OFFSET() { return 1; }

    /** {@snippet lang=c : #define KVM_COALESCED_MMIO_PAGE_OFFSET 2 } */
    public static int KVM_COALESCED_MMIO_PAGE_OFFSET() { return 2; }

    /** {@snippet lang=c : #define KVM_STATS_TYPE_MASK 0xF } */
    public static int KVM_STATS_TYPE_MASK() { return 0xF; }

    /** {@snippet lang=c : #define KVM_STATS_TYPE_CUMULATIVE 0 } */
    public static int KVM_STATS_TYPE_CUMULATIVE() { return 0; }

    /** {@snippet lang=c : #define KVM_STATS_TYPE_INSTANT 1 } */
    public static int KVM_STATS_TYPE_INSTANT() { return 1; }

    /** {@snippet lang=c : #define KVM_STATS_TYPE_PEAK 2 } */
    public static int KVM_STATS_TYPE_PEAK() { return 2; }

    /** {@snippet lang=c : #define KVM_STATS_TYPE_LINEAR_HIST 3 } */
    public static int KVM_STATS_TYPE_LINEAR_HIST() { return 3; }

    /** {@snippet lang=c : #define KVM_STATS_TYPE_LOG_HIST 4 } */
    public static int KVM_STATS_TYPE_LOG_HIST() { return 4; }

    /** {@snippet lang=c : #define KVM_STATS_UNIT_MASK 0xF0 } */
    public static int KVM_STATS_UNIT_MASK() { return 0xF0; }

    /** {@snippet lang=c : #define KVM_STATS_BASE_MASK 0xF00 } */
    public static int KVM_STATS_BASE_MASK() { return 0xF00; }

    /** {@snippet lang=c : #define SYNC_REGS_SIZE_BYTES 2048 } */
    public static int SYNC_REGS_SIZE_BYTES() { return 2048; }

    /** {@snippet lang=c : #define KVM_GET_API_VERSION _IO(KVMIO, 0x00) } */
    public static int KVM_GET_API_VERSION() { return _IO(KVMIO(), 0x00); }

    /** {@snippet lang=c : #define KVM_CREATE_VM _IO(KVMIO, 0x01) } */
    public static int KVM_CREATE_VM() { return _IO(KVMIO(), 0x01); }

    /** {@snippet lang=c : #define KVM_GET_MSR_INDEX_LIST _IOWR(KVMIO, 0x02, struct kvm_msr_list) } */
    public static long KVM_GET_MSR_INDEX_LIST() { return _IOWR(KVMIO(), 0x02, kvm_msr_list.sizeof()); }

    /** {@snippet lang=c : #define KVM_CHECK_EXTENSION _IO(KVMIO, 0x03) } */
    public static int KVM_CHECK_EXTENSION() { return _IO(KVMIO(), 0x03); }

    /** {@snippet lang=c : #define KVM_GET_VCPU_MMAP_SIZE _IO(KVMIO, 0x04) } */
    public static int KVM_GET_VCPU_MMAP_SIZE() { return _IO(KVMIO(), 0x04); }

    /** {@snippet lang=c : #define KVM_GET_SUPPORTED_CPUID _IOWR(KVMIO, 0x05, struct kvm_cpuid2) } */
    public static long KVM_GET_SUPPORTED_CPUID() { return _IOWR(KVMIO(), 0x05, kvm_cpuid2.sizeof()); }

    /** {@snippet lang=c : #define KVM_CREATE_VCPU _IO(KVMIO, 0x41) } */
    public static int KVM_CREATE_VCPU() { return _IO(KVMIO(), 0x41); }

    /** {@snippet lang=c : #define KVM_SET_USER_MEMORY_REGION _IOW(KVMIO, 0x46, struct kvm_userspace_memory_region) } */
    public static long KVM_SET_USER_MEMORY_REGION() { return _IOW(KVMIO(), 0x46, kvm_userspace_memory_region.sizeof()); }

    /** {@snippet lang=c : #define KVM_SET_TSS_ADDR _IO(KVMIO, 0x47) } */
    public static int KVM_SET_TSS_ADDR() { return _IO(KVMIO(), 0x47); }

    /** {@snippet lang=c : #define KVM_SET_IDENTITY_MAP_ADDR _IOW(KVMIO, 0x48, __u64) } */
    public static long KVM_SET_IDENTITY_MAP_ADDR() { return _IOW(KVMIO(), 0x48, Long.BYTES); }

    /** {@snippet lang=c : #define KVM_CREATE_IRQCHIP _IO(KVMIO, 0x60) } */
    public static int KVM_CREATE_IRQCHIP() { return _IO(KVMIO(), 0x60); }

    /** {@snippet lang=c : #define KVM_IRQ_LINE _IOW(KVMIO, 0x61, struct kvm_irq_level) } */
    public static long KVM_IRQ_LINE() { return _IOW(KVMIO(), 0x61, kvm_irq_level.sizeof()); }

    /** {@snippet lang=c : #define KVM_REGISTER_COALESCED_MMIO _IOW(KVMIO, 0x67, struct kvm_coalesced_mmio_zone) } */
    public static long KVM_REGISTER_COALESCED_MMIO() { return _IOW(KVMIO(), 0x67, kvm_coalesced_mmio_zone.sizeof()); }

    /** {@snippet lang=c : #define KVM_UNREGISTER_COALESCED_MMIO _IOW(KVMIO, 0x68, struct kvm_coalesced_mmio_zone) } */
    public static long KVM_UNREGISTER_COALESCED_MMIO() { return _IOW(KVMIO(), 0x68, kvm_coalesced_mmio_zone.sizeof()); }

    /** {@snippet lang=c : #define KVM_SET_GSI_ROUTING _IOW(KVMIO, 0x6a, struct kvm_irq_routing) } */
    public static long KVM_SET_GSI_ROUTING() { return _IOW(KVMIO(), 0x6a, kvm_irq_routing.sizeof()); }

    /** {@snippet lang=c : #define KVM_IRQFD _IOW(KVMIO, 0x76, struct kvm_irqfd) } */
    public static long KVM_IRQFD() { return _IOW(KVMIO(), 0x76, kvm_irqfd.sizeof()); }

    /** {@snippet lang=c : #define KVM_CREATE_PIT2 _IOW(KVMIO, 0x77, struct kvm_pit_config) } */
    public static long KVM_CREATE_PIT2() { return _IOW(KVMIO(), 0x77, kvm_pit_config.sizeof()); }

    /** {@snippet lang=c : #define KVM_IOEVENTFD _IOW(KVMIO, 0x79, struct kvm_ioeventfd) } */
    public static long KVM_IOEVENTFD() { return _IOW(KVMIO(), 0x79, kvm_ioeventfd.sizeof()); }

    /** {@snippet lang=c : #define KVM_SET_TSC_KHZ _IO(KVMIO, 0xa2) } */
    public static int KVM_SET_TSC_KHZ() { return _IO(KVMIO(), 0xa2); }

    /** {@snippet lang=c : #define KVM_GET_TSC_KHZ _IO(KVMIO, 0xa3) } */
    public static int KVM_GET_TSC_KHZ() { return _IO(KVMIO(), 0xa3); }

    /** {@snippet lang=c : #define KVM_SIGNAL_MSI _IOW(KVMIO, 0xa5, struct kvm_msi) } */
    public static long KVM_SIGNAL_MSI() { return _IOW(KVMIO(), 0xa5, kvm_msi.sizeof()); }

    /** {@snippet lang=c : #define KVM_RUN _IO(KVMIO, 0x80) } */
    public static int KVM_RUN() { return _IO(KVMIO(), 0x80); }

    /** {@snippet lang=c : #define KVM_GET_REGS _IOR(KVMIO, 0x81, struct kvm_regs) } */
    public static long KVM_GET_REGS() { return _IOR(KVMIO(), 0x81, kvm_regs.sizeof()); }

    /** {@snippet lang=c : #define KVM_SET_REGS _IOW(KVMIO, 0x82, struct kvm_regs) } */
    public static long KVM_SET_REGS() { return _IOW(KVMIO(), 0x82, kvm_regs.sizeof()); }

    /** {@snippet lang=c : #define KVM_GET_SREGS _IOR(KVMIO, 0x83, struct kvm_sregs) } */
    public static long KVM_GET_SREGS() { return _IOR(KVMIO(), 0x83, kvm_sregs.sizeof()); }

    /** {@snippet lang=c : #define KVM_SET_SREGS _IOW(KVMIO, 0x84, struct kvm_sregs) } */
    public static long KVM_SET_SREGS() { return _IOW(KVMIO(), 0x84, kvm_sregs.sizeof()); }

    /** {@snippet lang=c : #define KVM_GET_MSRS _IOWR(KVMIO, 0x88, struct kvm_msrs) } */
    public static long KVM_GET_MSRS() { return _IOWR(KVMIO(), 0x88, kvm_msrs.sizeof()); }

    /** {@snippet lang=c : #define KVM_SET_MSRS _IOW(KVMIO, 0x89, struct kvm_msrs) } */
    public static long KVM_SET_MSRS() { return _IOW(KVMIO(), 0x89, kvm_msrs.sizeof()); }

    /** {@snippet lang=c : #define KVM_SET_SIGNAL_MASK _IOW(KVMIO, 0x8b, struct kvm_signal_mask) } */
    public static long KVM_SET_SIGNAL_MASK() { return _IOW(KVMIO(), 0x8b, kvm_signal_mask.sizeof()); }

    /** {@snippet lang=c : #define KVM_GET_FPU _IOR(KVMIO, 0x8c, struct kvm_fpu) } */
    public static long KVM_GET_FPU() { return _IOR(KVMIO(), 0x8c, kvm_fpu.sizeof()); }

    /** {@snippet lang=c : #define KVM_SET_FPU _IOW(KVMIO, 0x8d, struct kvm_fpu) } */
    public static long KVM_SET_FPU() { return _IOW(KVMIO(), 0x8d, kvm_fpu.sizeof()); }

    /** {@snippet lang=c : #define KVM_GET_LAPIC _IOR(KVMIO, 0x8e, struct kvm_lapic_state) } */
    public static long KVM_GET_LAPIC() { return _IOR(KVMIO(), 0x8e, kvm_lapic_state.sizeof()); }

    /** {@snippet lang=c : #define KVM_SET_LAPIC _IOW(KVMIO, 0x8f, struct kvm_lapic_state) } */
    public static long KVM_SET_LAPIC() { return _IOW(KVMIO(), 0x8f, kvm_lapic_state.sizeof()); }

    /** {@snippet lang=c : #define KVM_SET_CPUID2 _IOW(KVMIO, 0x90, struct kvm_cpuid2) } */
    public static long KVM_SET_CPUID2() { return _IOW(KVMIO(), 0x90, kvm_cpuid2.sizeof()); }

    /** {@snippet lang=c : #define KVM_GET_MP_STATE _IOR(KVMIO, 0x98, struct kvm_mp_state) } */
    public static long KVM_GET_MP_STATE() { return _IOR(KVMIO(), 0x98, kvm_mp_state.sizeof()); }

    /** {@snippet lang=c : #define KVM_SET_MP_STATE _IOW(KVMIO, 0x99, struct kvm_mp_state) } */
    public static long KVM_SET_MP_STATE() { return _IOW(KVMIO(), 0x99, kvm_mp_state.sizeof()); }

    /** {@snippet lang=c : #define KVM_GET_STATS_FD _IO(KVMIO, 0xce) } */
    public static int KVM_GET_STATS_FD() { return _IO(KVMIO(), 0xce); }
}
