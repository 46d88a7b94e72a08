package dev.jkvm.tcg.mem;

import dev.jkvm.tcg.CpuException;
import dev.jkvm.tcg.state.CpuState;

/**
 * Linear-address accesses: canonical check, translation through the {@link Mmu} page by page, then
 * physical access. An access crossing a page boundary translates both pages before touching
 * memory, so a fault on the second page leaves memory unchanged. Reads and writes within a page
 * that the MMU's {@link RamTlb} covers skip all of that and go straight to host memory.
 */
public final class LinearMemory {
    private static final long PAGE_OFFSET_MASK = PhysicalMemory.PAGE_SIZE - 1;

    private final CpuState state;
    private final Mmu mmu;
    private final PhysicalMemory physical;
    /** The MMU's fast path, or one that stays empty. */
    private final RamTlb ram;

    public LinearMemory(CpuState state, Mmu mmu, PhysicalMemory physical) {
        this.state = state;
        this.mmu = mmu;
        this.physical = physical;
        this.ram = mmu.ramTlb() != null ? mmu.ramTlb() : new RamTlb(physical);
    }

    public PhysicalMemory physical() {
        return physical;
    }

    public Mmu mmu() {
        return mmu;
    }

    /** An implicit supervisor read (GDT, IDT, TSS): privilege checks as at CPL 0. */
    public long readSystem(long linear, int size) {
        if (!crossesPage(linear, size)) return physical.read(translate(linear, Mmu.READ | Mmu.SUPERVISOR), size);
        translate(linear + size - 1, Mmu.READ | Mmu.SUPERVISOR);
        long value = 0;
        for (int i = 0; i < size; i++) {
            value |= physical.read(translate(linear + i, Mmu.READ | Mmu.SUPERVISOR), 1) << (8 * i);
        }
        return value;
    }

    /** An implicit supervisor write (descriptor accessed/busy bits, the interrupt frame on an inner stack). */
    public void writeSystem(long linear, int size, long value) {
        if (!crossesPage(linear, size)) {
            physical.write(translate(linear, Mmu.WRITE | Mmu.SUPERVISOR), size, value);
            return;
        }
        translate(linear, Mmu.WRITE | Mmu.SUPERVISOR);
        translate(linear + size - 1, Mmu.WRITE | Mmu.SUPERVISOR);
        for (int i = 0; i < size; i++) {
            physical.write(translate(linear + i, Mmu.WRITE | Mmu.SUPERVISOR), 1, value >>> (8 * i));
        }
    }

    /** Faults now if any byte cannot be written, with the given access flags (0 or {@link Mmu#SUPERVISOR}). */
    public void checkWritable(long linear, int size, int flags) {
        translate(linear, Mmu.WRITE | flags);
        translate(linear + size - 1, Mmu.WRITE | flags);
    }

    public long translate(long linear, int access) {
        if (state.mode.is64() && (linear << 16) >> 16 != linear) throw CpuException.generalProtection();
        return mmu.translate(linear, access, state);
    }

    private static boolean crossesPage(long linear, int size) {
        return (linear & PAGE_OFFSET_MASK) + size > PhysicalMemory.PAGE_SIZE;
    }

    public long read(long linear, int size) {
        int slot = RamTlb.slot(linear);
        if (ram.canRead(slot, RamTlb.key(linear, state.cpl == 3)) && !crossesPage(linear, size)) {
            return ram.read(slot, linear, size);
        }
        if (!crossesPage(linear, size)) return physical.read(translate(linear, Mmu.READ), size);
        translate(linear + size - 1, Mmu.READ);
        long value = 0;
        for (int i = 0; i < size; i++) value |= physical.read(translate(linear + i, Mmu.READ), 1) << (8 * i);
        return value;
    }

    public void write(long linear, int size, long value) {
        int slot = RamTlb.slot(linear);
        if (ram.canWrite(slot, RamTlb.key(linear, state.cpl == 3)) && !crossesPage(linear, size)) {
            ram.write(slot, linear, size, value);
            return;
        }
        if (!crossesPage(linear, size)) {
            physical.write(translate(linear, Mmu.WRITE), size, value);
            return;
        }
        checkWritable(linear, size);
        for (int i = 0; i < size; i++) physical.write(translate(linear + i, Mmu.WRITE), 1, value >>> (8 * i));
    }

    /** Faults now if any byte of [linear, linear+size) cannot be written (for multi-part stores). */
    public void checkWritable(long linear, int size) {
        translate(linear, Mmu.WRITE);
        translate(linear + size - 1, Mmu.WRITE);
    }

    /** Locked read-modify-write commit: see {@link PhysicalMemory#compareAndSet}. */
    public boolean compareAndSet(long linear, int size, long expected, long update) {
        if (crossesPage(linear, size)) {
            checkWritable(linear, size);
            if (read(linear, size) != expected) return false;
            write(linear, size, update);
            return true;
        }
        return physical.compareAndSet(translate(linear, Mmu.WRITE), size, expected, update);
    }

    public int fetchByte(long linear) {
        return (int) physical.read(translate(linear, Mmu.EXECUTE), 1);
    }
}
