package dev.jkvm.tcg.sys;

import dev.jkvm.devices.bus.Bus;
import dev.jkvm.devices.memory.GuestMemory;
import dev.jkvm.devices.memory.RamRegion;
import dev.jkvm.devices.time.VirtualClock;
import dev.jkvm.tcg.Cpu;
import dev.jkvm.tcg.CpuidTable;
import dev.jkvm.tcg.MsrHandler;
import dev.jkvm.tcg.StopReason;
import dev.jkvm.tcg.mem.PhysicalMemory;
import dev.jkvm.tcg.state.CpuState;
import dev.jkvm.tcg.state.Segment;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

/**
 * A small system-mode test machine: 4 MiB of RAM, a system Cpu, and builders for the GDT, IDT, TSS
 * and 4-level page tables with the layout Linux uses (selectors 0x10 kernel code, 0x18 kernel data,
 * 0x23 user 32-bit code, 0x2b user data, 0x33 user 64-bit code, 0x40 TSS).
 */
final class Machine {
    static final long GDT = 0x1000, IDT = 0x2000, TSS = 0x3000;
    static final long PML4 = 0x10000, PDPT = 0x11000, PD = 0x12000, PT = 0x13000;
    static final int KERNEL_CS = 0x10, KERNEL_DS = 0x18, USER32_CS = 0x23, USER_DS = 0x2b, USER_CS = 0x33, TSS_SEL = 0x40;
    static final long KERNEL_STACK = 0x80000, IST_STACK = 0x90000, USER_STACK = 0x70000;

    /** Device memory (nothing mapped unless a test registers it): unclaimed reads are all ones. */
    static final long MMIO_BASE = 0x1000_0000L;

    final MemorySegment ram = Arena.ofAuto().allocate(4 << 20, 4096);
    final Bus mmio = new Bus(Bus.Kind.MMIO);
    /** The RAM as devices see it: their writes go through here. */
    final GuestMemory guest = GuestMemory.wrap(List.of(new RamRegion(0, ram)));
    final PhysicalMemory physical = new PhysicalMemory(guest, mmio);
    final VirtualClock clock = new VirtualClock();
    final Bus io = new Bus(Bus.Kind.PIO);
    final CpuState state = new CpuState();
    final Cpu cpu;

    Machine() {
        this(0, null);
    }

    Machine(int apicId, MsrHandler msrs) {
        cpu = Cpu.createSystem(state, physical, io, clock, CpuidTable.forVcpu(apicId, 2), msrs);
    }

    /** Another vCPU over the same physical memory. */
    Cpu secondCpu(CpuState s) {
        return Cpu.createSystem(s, physical, io, clock, CpuidTable.forVcpu(1, 2), null);
    }

    void put(long address, int... bytes) {
        for (int i = 0; i < bytes.length; i++) ram.set(ValueLayout.JAVA_BYTE, address + i, (byte) bytes[i]);
    }

    void put64(long address, long value) {
        ram.set(ValueLayout.JAVA_LONG_UNALIGNED, address, value);
    }

    void put32(long address, int value) {
        ram.set(ValueLayout.JAVA_INT_UNALIGNED, address, value);
    }

    void put16(long address, int value) {
        ram.set(ValueLayout.JAVA_SHORT_UNALIGNED, address, (short) value);
    }

    long get64(long address) {
        return ram.get(ValueLayout.JAVA_LONG_UNALIGNED, address);
    }

    int get32(long address) {
        return ram.get(ValueLayout.JAVA_INT_UNALIGNED, address);
    }

    int get16(long address) {
        return ram.get(ValueLayout.JAVA_SHORT_UNALIGNED, address) & 0xffff;
    }

    static long descriptor(long base, long limit, int attributes) {
        return (limit & 0xffff) | ((base & 0xffffff) << 16) | ((long) (attributes & 0xf0ff) << 40)
                | (((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xff) << 56);
    }

    void gdtEntry(int selector, long descriptor) {
        put64(GDT + (selector & ~7), descriptor);
    }

    /** GDT with Linux's 64-bit layout and a 64-bit TSS; loads GDTR/TR (hidden state as LTR would). */
    void buildGdt() {
        gdtEntry(0x08, descriptor(0, 0xfffff, 0xc09b));          // 32-bit kernel code
        gdtEntry(KERNEL_CS, descriptor(0, 0xfffff, 0xa09b));     // 64-bit kernel code (L, G)
        gdtEntry(KERNEL_DS, descriptor(0, 0xfffff, 0xc093));
        gdtEntry(USER32_CS, descriptor(0, 0xfffff, 0xc0fb));
        gdtEntry(USER_DS, descriptor(0, 0xfffff, 0xc0f3));
        gdtEntry(USER_CS, descriptor(0, 0xfffff, 0xa0fb));
        gdtEntry(TSS_SEL, descriptor(TSS, 0x67, 0x89));
        put64(GDT + TSS_SEL + 8, 0);
        state.gdtr.base = GDT;
        state.gdtr.limit = 0x7f;
        put64(TSS + 4, KERNEL_STACK);     // RSP0
        put64(TSS + 0x24, IST_STACK);     // IST1
        state.tr.load(TSS_SEL, TSS, 0x67, 0x8b);
        state.idtr.base = IDT;
        state.idtr.limit = 0xfff;
    }

    /** A 64-bit gate: type 0xE interrupt / 0xF trap. */
    void gate64(int vector, long handler, int dpl, int ist, boolean trap) {
        long low = (handler & 0xffff) | ((long) KERNEL_CS << 16) | ((long) ist << 32)
                | ((long) ((trap ? 0xf : 0xe) | (dpl << 5) | 0x80) << 40) | ((handler & 0xffff0000L) << 32);
        put64(IDT + vector * 16L, low);
        put64(IDT + vector * 16L + 8, handler >>> 32);
    }

    /** Identity map of the first 4 MiB with 4 KiB pages (user, writable) under 4-level paging. */
    void buildPageTables() {
        put64(PML4, PDPT | 7);
        put64(PDPT, PD | 7);
        put64(PD, PT | 7);
        put64(PD + 8, (PT + 0x1000) | 7);
        for (int i = 0; i < 1024; i++) put64(PT + i * 8L, ((long) i << 12) | 7);
    }

    long pteAddress(long linear) {
        return PT + (linear >>> 12) * 8;
    }

    /** Long mode, paging on with the identity map, CPL 0, flat segments. */
    void enterLongMode() {
        buildGdt();
        buildPageTables();
        state.cr0 = 0x80050033L;
        state.cr4 = 0x6a0; // PAE | PGE | OSFXSR | OSXMMEXCPT
        state.cr3 = PML4;
        state.efer = 0xd01; // SCE | LME | LMA | NXE
        state.segments[Segment.CS].load(KERNEL_CS, 0, 0xffffffff, 0xa09b);
        for (int s : new int[] {Segment.DS, Segment.ES, Segment.SS, Segment.FS, Segment.GS}) {
            state.segments[s].load(KERNEL_DS, 0, 0xffffffff, 0xc093);
        }
        state.cpl = 0;
        state.gpr[4] = KERNEL_STACK - 0x100;
        state.star = ((long) (USER32_CS & ~3) << 48) | ((long) KERNEL_CS << 32);
        Segments.updateMode(state);
    }

    StopReason run2(long address) {
        state.rip = address;
        return cpu.runSlice(100);
    }

    void run(long address, long max) {
        state.rip = address;
        cpu.runSlice(max);
    }
}
