package dev.jkvm.boot;

import dev.jkvm.devices.memory.GuestMemory;

/** The boot GDT: flat 32-bit code, 64-bit code, flat data and a TSS, as the boot protocols expect. */
public final class BootGdt {
    public static final int CODE32 = 0x08;
    public static final int CODE64 = 0x10;
    public static final int DATA = 0x18;
    public static final int TSS = 0x20;
    public static final int LIMIT = 5 * 8 - 1;

    private static final int TYPE_CODE_READ_ACCESSED = 0xb;
    private static final int TYPE_DATA_WRITE_ACCESSED = 0x3;
    private static final int TYPE_TSS_BUSY = 0xb;

    private BootGdt() {}

    public static SegmentState code32() {
        return SegmentState.flat(CODE32, TYPE_CODE_READ_ACCESSED, false);
    }

    public static SegmentState code64() {
        return SegmentState.flat(CODE64, TYPE_CODE_READ_ACCESSED, true);
    }

    public static SegmentState data() {
        return SegmentState.flat(DATA, TYPE_DATA_WRITE_ACCESSED, false);
    }

    /** A minimal busy TSS: hardware-assisted virtualization refuses to enter without a usable TR. */
    public static SegmentState tss() {
        return new SegmentState(TSS, 0, 0x67, TYPE_TSS_BUSY, false, 0, true, false, false, false);
    }

    public static void write(GuestMemory memory, long address) {
        memory.writeLong(address, 0);
        memory.writeLong(address + CODE32, code32().descriptor());
        memory.writeLong(address + CODE64, code64().descriptor());
        memory.writeLong(address + DATA, data().descriptor());
        memory.writeLong(address + TSS, tss().descriptor());
    }
}
