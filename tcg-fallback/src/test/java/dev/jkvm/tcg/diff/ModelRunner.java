package dev.jkvm.tcg.diff;

import dev.jkvm.devices.memory.GuestMemory;
import dev.jkvm.devices.memory.RamRegion;
import dev.jkvm.tcg.Cpu;
import dev.jkvm.tcg.CpuException;
import dev.jkvm.tcg.CpuidTable;
import dev.jkvm.tcg.StopReason;
import dev.jkvm.tcg.exec.FxsaveImage;
import dev.jkvm.tcg.mem.Mmu;
import dev.jkvm.tcg.mem.PhysicalMemory;
import dev.jkvm.tcg.state.CpuState;
import dev.jkvm.tcg.state.Flags;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

/**
 * Runs cases on the interpreter in the same address layout as the native runner: a CPL 3 flat
 * 64-bit process whose only mapped pages are the data and code pages. The code is followed by
 * UD2; reaching it at the end of the code means the case completed. A compiled runner compiles
 * every block on its first run, so the second tier is checked too.
 */
final class ModelRunner {
    static final int SIGILL = 4, SIGTRAP = 5, SIGBUS = 7, SIGFPE = 8, SIGSEGV = 11, HUNG = -1;
    private static final long INSTRUCTION_BUDGET = 1_000_000;

    private final MemorySegment data;
    private final MemorySegment code;
    private final GuestMemory memory;
    private final boolean compiled;

    ModelRunner(Arena arena, boolean compiled) {
        this.compiled = compiled;
        data = arena.allocate(Layout.PAGE, Layout.PAGE);
        code = arena.allocate(Layout.PAGE, Layout.PAGE);
        memory = GuestMemory.wrap(List.of(new RamRegion(Layout.DATA_BASE, data), new RamRegion(Layout.CODE_BASE, code)));
    }

    /** The process's page table: the two pages, nothing else. */
    private static final Mmu USER_PAGES = (linear, access, state) -> {
        long page = linear & ~(Layout.PAGE - 1L);
        if (page == Layout.DATA_BASE || page == Layout.CODE_BASE) return linear;
        int write = access == Mmu.WRITE ? 2 : 0;
        int fetch = access == Mmu.EXECUTE ? 16 : 0;
        throw CpuException.pageFault(linear, write | fetch | 4);
    };

    MachineState run(TestCase c) {
        MemorySegment.copy(c.data(), 0, data, ValueLayout.JAVA_BYTE, 0, Layout.PAGE);
        code.fill((byte) 0xcc);
        MemorySegment.copy(c.code(), 0, code, ValueLayout.JAVA_BYTE, 0, c.code().length);
        code.set(ValueLayout.JAVA_BYTE, c.code().length, (byte) 0x0f);
        code.set(ValueLayout.JAVA_BYTE, c.code().length + 1, (byte) 0x0b);

        CpuState s = new CpuState();
        s.enterFlatLongMode(3);
        System.arraycopy(c.input().gpr, 0, s.gpr, 0, 16);
        s.setRflags(c.input().rflags | Flags.IF);
        FxsaveImage.load(s, c.input().fxsave);
        s.rip = Layout.CODE_BASE;
        Cpu cpu = new Cpu(s, new PhysicalMemory(memory, null), null, null, USER_PAGES, CpuidTable.implemented(0));
        if (compiled) cpu.setCompileThreshold(1);

        MachineState out = new MachineState();
        StopReason stop = cpu.runSlice(INSTRUCTION_BUDGET);
        if (stop != StopReason.EXCEPTION) {
            out.signal = HUNG;
        } else {
            CpuException e = cpu.lastException();
            boolean finished = e.vector == CpuException.INVALID_OPCODE && s.rip == Layout.CODE_BASE + c.code().length;
            out.signal = finished ? 0 : signalFor(e.vector);
        }
        System.arraycopy(s.gpr, 0, out.gpr, 0, 16);
        out.rflags = s.rflags();
        FxsaveImage.store(s, out.fxsave);
        for (int i = 0; i < Layout.PAGE; i++) {
            byte now = data.get(ValueLayout.JAVA_BYTE, i);
            if (now != c.data()[i]) out.memoryChanges.put(i, now);
        }
        return out;
    }

    /** How Linux reports each exception vector to a user process. */
    static int signalFor(int vector) {
        return switch (vector) {
            case CpuException.DIVIDE_ERROR, CpuException.X87_FAULT, CpuException.SIMD_FAULT -> SIGFPE;
            case CpuException.INVALID_OPCODE -> SIGILL;
            case CpuException.STACK_FAULT, CpuException.ALIGNMENT_CHECK -> SIGBUS;
            case CpuException.DEBUG, CpuException.BREAKPOINT -> SIGTRAP;
            default -> SIGSEGV;
        };
    }
}
