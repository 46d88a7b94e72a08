package dev.jkvm.boot;

/**
 * The boot vCPU's registers at the kernel's entry point, independent of the accelerator. Application
 * processors start in real mode and are woken by the guest with INIT/SIPI.
 */
public record BootCpuState(
        EntryMode mode,
        long rip,
        long rsi,
        long rbx,
        long rsp,
        long rflags,
        long cr0,
        long cr3,
        long cr4,
        long efer,
        long gdtBase,
        int gdtLimit,
        SegmentState cs,
        SegmentState data,
        SegmentState tr) {

    public enum EntryMode {
        /** 32-bit protected mode, paging off, EBX = hvm_start_info (Xen PVH entry). */
        PVH_32,
        /** Long mode with identity paging, RSI = boot_params (Linux 64-bit boot protocol). */
        LINUX_64
    }

    public static final long CR0_PE = 1;
    public static final long CR0_ET = 1 << 4;
    public static final long CR0_PG = 1L << 31;
    public static final long CR4_PAE = 1 << 5;
    public static final long EFER_LME = 1 << 8;
    public static final long EFER_LMA = 1 << 10;
}
