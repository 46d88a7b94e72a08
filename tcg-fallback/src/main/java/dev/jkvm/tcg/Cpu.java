package dev.jkvm.tcg;

import dev.jkvm.devices.bus.Bus;
import dev.jkvm.devices.memory.GuestMemory;
import dev.jkvm.devices.time.VirtualClock;
import dev.jkvm.tcg.decode.Insn;
import dev.jkvm.tcg.exec.BasicBlock;
import dev.jkvm.tcg.exec.BlockCache;
import dev.jkvm.tcg.exec.Interpreter;
import dev.jkvm.tcg.mem.LinearMemory;
import dev.jkvm.tcg.mem.Mmu;
import dev.jkvm.tcg.mem.PhysicalMemory;
import dev.jkvm.tcg.state.CpuState;

/**
 * One software x86-64 vCPU. {@link #runSlice} executes cached decoded blocks until a budget of
 * retired instructions is used, the CPU halts, or an exception cannot be delivered. Retired
 * instructions drive the virtual clock and the TSC, so runs are deterministic.
 */
public final class Cpu {
    public final CpuState state;
    public final LinearMemory memory;
    public final Bus io;
    public final CpuidTable cpuid;
    private final VirtualClock clock;
    private final BlockCache blocks;
    private InterruptSource interrupts;
    private EventDelivery delivery = EventDelivery.NONE;
    private long retired;
    private long nanosPerInstruction = 1;
    private CpuException lastException;
    private volatile boolean stopRequested;

    /** A CPU with paging off and the implemented CPUID features (the user-mode part's machine). */
    public Cpu(CpuState state, GuestMemory memory, Bus io, Bus mmio, VirtualClock clock) {
        this(state, new PhysicalMemory(memory, mmio), io, clock, Mmu.IDENTITY, CpuidTable.implemented(0));
    }

    public Cpu(CpuState state, PhysicalMemory physical, Bus io, VirtualClock clock, Mmu mmu, CpuidTable cpuid) {
        this.state = state;
        this.memory = new LinearMemory(state, mmu, physical);
        this.io = io != null ? io : new Bus(Bus.Kind.PIO);
        this.clock = clock;
        this.cpuid = cpuid;
        this.blocks = new BlockCache(memory);
    }

    public void setInterruptSource(InterruptSource interrupts) {
        this.interrupts = interrupts;
    }

    public void setEventDelivery(EventDelivery delivery) {
        this.delivery = delivery;
    }

    /** Virtual nanoseconds per retired instruction (default 1: a 1 GHz TSC). */
    public void setNanosPerInstruction(long nanos) {
        this.nanosPerInstruction = nanos;
    }

    public long retiredInstructions() {
        return retired;
    }

    public long timeStampCounter() {
        return state.tscOffset + retired;
    }

    public CpuException lastException() {
        return lastException;
    }

    public BlockCache blockCache() {
        return blocks;
    }

    /** Makes the running slice return at the next block boundary. Safe from any thread. */
    public void requestStop() {
        stopRequested = true;
    }

    public StopReason runSlice(long maxInstructions) {
        long start = retired;
        try {
            return run(start + maxInstructions);
        } finally {
            if (clock != null) clock.advanceBy((retired - start) * nanosPerInstruction);
        }
    }

    private StopReason run(long limit) {
        CpuState s = state;
        while (true) {
            if (s.interruptShadow) {
                s.interruptShadow = false;
            } else if (interrupts != null && s.interruptsEnabled() && interrupts.hasPendingInterrupt()) {
                s.halted = false;
                delivery.deliverInterrupt(this, interrupts.acknowledgeInterrupt());
            }
            if (s.halted) return StopReason.HALTED;
            if (retired >= limit) return StopReason.INSTRUCTION_LIMIT;
            if (stopRequested) {
                stopRequested = false;
                return StopReason.STOP_REQUESTED;
            }
            long instructionStart = s.rip;
            try {
                BasicBlock block = blocks.blockAt(s, s.rip);
                Insn[] insns = block.instructions;
                for (Insn insn : insns) {
                    instructionStart = s.rip;
                    s.rip = instructionStart + insn.length;
                    Interpreter.execute(this, insn);
                    retired++;
                    if (!block.valid() || retired >= limit) break;
                }
            } catch (CpuException e) {
                if (!e.software) s.rip = instructionStart;
                else retired++;
                if (!delivery.deliverException(this, e)) {
                    lastException = e;
                    return StopReason.EXCEPTION;
                }
            }
        }
    }
}
