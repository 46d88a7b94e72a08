package dev.jkvm.tcg;

import dev.jkvm.devices.bus.Bus;
import dev.jkvm.devices.memory.GuestMemory;
import dev.jkvm.devices.time.VirtualClock;
import dev.jkvm.tcg.decode.Insn;
import dev.jkvm.tcg.exec.BasicBlock;
import dev.jkvm.tcg.exec.BlockCache;
import dev.jkvm.tcg.exec.CompiledBlock;
import dev.jkvm.tcg.exec.Step;
import dev.jkvm.tcg.mem.LinearMemory;
import dev.jkvm.tcg.mem.Mmu;
import dev.jkvm.tcg.mem.PhysicalMemory;
import dev.jkvm.tcg.state.CpuState;
import dev.jkvm.tcg.state.Flags;
import dev.jkvm.tcg.state.Segment;
import dev.jkvm.tcg.sys.InterruptDelivery;
import dev.jkvm.tcg.sys.Msrs;
import dev.jkvm.tcg.sys.PagingMmu;
import dev.jkvm.tcg.sys.Segments;

/**
 * One software x86-64 vCPU. {@link #runSlice} executes cached decoded blocks until a budget of
 * retired instructions is used, the CPU halts, or an exception cannot be delivered. Retired
 * instructions drive the virtual clock and the TSC, so runs are deterministic. PAUSE counts as
 * {@link #PAUSE_INSTRUCTIONS} of them.
 *
 * <p>A system-mode CPU (paging, IDT delivery, MSRs) comes from {@link #createSystem}. All vCPUs of
 * a machine share one {@link PhysicalMemory}; each has its own Cpu, CpuState, MMU (TLB) and decode
 * cache. Only the vCPU's own thread calls {@link #runSlice}; other threads use the request methods
 * ({@link #requestStop}, {@link #requestNmi}, {@link #requestInit}, {@link #requestStartup}), which
 * take effect at the next block boundary.
 */
public final class Cpu {
    /**
     * How many instruction times a PAUSE takes, about its latency on current cores. Spin and delay
     * loops pause while they wait for virtual time or another vCPU, so they need fewer iterations.
     */
    public static final int PAUSE_INSTRUCTIONS = 64;

    public final CpuState state;
    public final LinearMemory memory;
    public final Bus io;
    public final CpuidTable cpuid;
    private final VirtualClock clock;
    private final BlockCache blocks;
    private final Msrs msrs = new Msrs();
    private InterruptSource interrupts;
    private EventDelivery delivery = EventDelivery.NONE;
    private long retired;
    private long nanosPerInstruction = 1;
    private CpuException lastException;
    private boolean shutdown;
    private volatile boolean stopRequested;
    /** Set when some vCPU or device wrote to a page holding decoded code (see {@link #run}). */
    boolean codeWritten;
    /** The instruction compiled code is running, as an index into its block (for faults). */
    int blockIndex;
    private int compileThreshold = BlockCompiler.THRESHOLD;
    private volatile boolean requestsPending;
    private volatile boolean nmiRequested;
    private volatile boolean initRequested;
    private volatile int startupVector = -1;

    /** A CPU with paging off and the implemented CPUID features (the user-mode part's machine). */
    public Cpu(CpuState state, GuestMemory memory, Bus io, Bus mmio, VirtualClock clock) {
        this(state, new PhysicalMemory(memory, mmio), io, clock, Mmu.IDENTITY, CpuidTable.implemented(0));
    }

    /**
     * A CPU over a given MMU, with no IDT delivery (exceptions stop the slice) unless
     * {@link #setEventDelivery} is called. {@link #createSystem} wires the system parts.
     */
    public Cpu(CpuState state, PhysicalMemory physical, Bus io, VirtualClock clock, Mmu mmu, CpuidTable cpuid) {
        this.state = state;
        this.memory = new LinearMemory(state, mmu, physical);
        this.io = io != null ? io : new Bus(Bus.Kind.PIO);
        this.clock = clock;
        this.cpuid = cpuid;
        this.blocks = new BlockCache(memory);
        physical.addCodeWriteListener(page -> codeWritten = true);
    }

    /**
     * A full system vCPU: paging MMU with its own TLB ({@link PagingMmu}), IDT delivery
     * ({@link InterruptDelivery}), MSRs with the machine's handler. physical is shared by all
     * vCPUs of the machine; cpuid should be {@link CpuidTable#forVcpu} for this vCPU's APIC ID.
     */
    public static Cpu createSystem(CpuState state, PhysicalMemory physical, Bus io, VirtualClock clock,
                                   CpuidTable cpuid, MsrHandler msrHandler) {
        Cpu cpu = new Cpu(state, physical, io, clock, new PagingMmu(physical), cpuid);
        cpu.setEventDelivery(new InterruptDelivery());
        cpu.setMsrHandler(msrHandler != null ? msrHandler : MsrHandler.NONE);
        return cpu;
    }

    public void setInterruptSource(InterruptSource interrupts) {
        this.interrupts = interrupts;
    }

    public void setEventDelivery(EventDelivery delivery) {
        this.delivery = delivery;
    }

    public void setMsrHandler(MsrHandler handler) {
        msrs.setHandler(handler);
    }

    public Msrs msrs() {
        return msrs;
    }

    /** Virtual nanoseconds per retired instruction (default 1: a 1 GHz TSC). */
    public void setNanosPerInstruction(long nanos) {
        this.nanosPerInstruction = nanos;
    }

    /** Runs of a block before the second tier compiles it (tests use 1 to compile everything). */
    public void setCompileThreshold(int runs) {
        this.compileThreshold = runs;
    }

    public long retiredInstructions() {
        return retired;
    }

    /** PAUSE: the spin-wait hint lasts {@link #PAUSE_INSTRUCTIONS} (the run loop counts one). */
    public void pause() {
        retired += PAUSE_INSTRUCTIONS - 1;
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

    /** True after a triple fault, until {@link #reset()} or INIT. */
    public boolean inShutdown() {
        return shutdown;
    }

    /** Called by the event delivery when a fault hits the delivery of a double fault. */
    public void enterShutdown(CpuException cause) {
        shutdown = true;
        lastException = cause;
    }

    /** Makes the running slice return at the next block boundary. Safe from any thread. */
    public void requestStop() {
        stopRequested = true;
        requestsPending = true;
    }

    /** Raises NMI: delivered through vector 2 at the next block boundary unless an NMI handler runs (until IRET). Any thread. */
    public void requestNmi() {
        nmiRequested = true;
        requestsPending = true;
    }

    /** INIT IPI: at the next block boundary the CPU resets to the wait-for-SIPI state. Any thread. */
    public void requestInit() {
        initRequested = true;
        requestsPending = true;
    }

    /** Startup IPI with the given vector: a CPU waiting for SIPI starts in real mode at vector:0000 (address vector << 12). Ignored otherwise. Any thread. */
    public void requestStartup(int vector) {
        startupVector = vector & 0xff;
        requestsPending = true;
    }

    /**
     * Power-on/RESET state (real mode at F000:FFF0, CS base FFFF0000, paging off, caches as after
     * RESET). Keeps the APIC ID (CPUID) and the TSC running. Call only on the vCPU's thread or while it is stopped.
     */
    public void reset() {
        CpuState s = state;
        java.util.Arrays.fill(s.gpr, 0);
        s.gpr[dev.jkvm.tcg.state.Reg.RDX] = cpuid.query(1, 0)[0] & 0xffffffffL; // family/model/stepping
        s.setRflags(Flags.FIXED_ONE);
        s.cr0 = 0x60000010L;
        s.cr2 = 0;
        s.cr3 = 0;
        s.cr4 = 0;
        s.cr8 = 0;
        s.efer = 0;
        s.star = s.lstar = s.cstar = s.sfmask = s.kernelGsBase = s.tscAux = 0;
        s.pat = 0x0007040600070406L;
        for (int i = 0; i < Segment.COUNT; i++) Segments.loadReal(s.segments[i], 0, i == Segment.CS);
        s.segments[Segment.CS].selector = 0xf000;
        s.segments[Segment.CS].base = 0xffff0000L;
        s.rip = 0xfff0;
        s.gdtr.base = 0;
        s.gdtr.limit = 0xffff;
        s.idtr.base = 0;
        s.idtr.limit = 0xffff;
        s.ldtr.load(0, 0, 0xffff, 0x82);
        s.tr.load(0, 0, 0xffff, 0x8b);
        s.dr[0] = s.dr[1] = s.dr[2] = s.dr[3] = 0;
        s.dr[6] = 0xffff0ff0L;
        s.dr[7] = 0x400;
        s.mxcsr = 0x1f80;
        s.x87.reset();
        java.util.Arrays.fill(s.xmm, 0);
        s.halted = false;
        s.interruptShadow = false;
        s.nmiBlocked = false;
        s.waitingForSipi = false;
        Segments.updateMode(s);
        memory.mmu().flushTlb(true);
        shutdown = false;
    }

    /** INIT: like RESET but then waits for a startup IPI (application processors). Vcpu thread only; see {@link #requestInit}. */
    public void init() {
        reset();
        state.waitingForSipi = true;
    }

    /** SIPI: leaves the wait-for-SIPI state in real mode at CS = vector << 8, IP = 0. Vcpu thread only; see {@link #requestStartup}. */
    public void startup(int vector) {
        if (!state.waitingForSipi) return;
        state.waitingForSipi = false;
        Segments.loadReal(state.segments[Segment.CS], (vector & 0xff) << 8, true);
        state.rip = 0;
        state.halted = false;
    }

    public StopReason runSlice(long maxInstructions) {
        long start = retired;
        try {
            return run(start + maxInstructions);
        } finally {
            if (clock != null) clock.advanceBy((retired - start) * nanosPerInstruction);
        }
    }

    private void takeRequests() {
        if (initRequested) {
            initRequested = false;
            init();
        }
        int vector = startupVector;
        if (vector >= 0) {
            startupVector = -1;
            startup(vector);
        }
    }

    /**
     * Runs blocks until the limit. After each instruction the block is rechecked only when some
     * code page was written: a write by this vCPU always sets {@link #codeWritten} first, one by
     * another thread may be seen late (the block is rechecked when next entered anyway).
     */
    private StopReason run(long limit) {
        CpuState s = state;
        BasicBlock previous = null; // the block that just ran to its end, to follow its links
        while (true) {
            if (requestsPending) {
                requestsPending = false;
                takeRequests();
                if (stopRequested) {
                    stopRequested = false;
                    return StopReason.STOP_REQUESTED;
                }
            }
            if (shutdown) return StopReason.TRIPLE_FAULT;
            if (s.waitingForSipi) return StopReason.WAITING_FOR_SIPI;
            if (s.interruptShadow) {
                s.interruptShadow = false;
            } else if (nmiRequested && !s.nmiBlocked) {
                nmiRequested = false;
                s.nmiBlocked = true;
                s.halted = false;
                previous = null;
                delivery.deliverInterrupt(this, CpuException.NMI);
                if (shutdown) return StopReason.TRIPLE_FAULT;
            } else if (interrupts != null && s.interruptsEnabled() && interrupts.hasPendingInterrupt()) {
                s.halted = false;
                previous = null;
                delivery.deliverInterrupt(this, interrupts.acknowledgeInterrupt());
                if (shutdown) return StopReason.TRIPLE_FAULT;
            }
            if (s.halted) return StopReason.HALTED;
            if (retired >= limit) return StopReason.INSTRUCTION_LIMIT;
            long blockStart = s.rip;
            long instructionStart = blockStart;
            BasicBlock block = null;
            boolean compiledRunning = false;
            try {
                block = blocks.next(previous, s);
                previous = null;
                codeWritten = false;
                Insn[] insns = block.instructions;
                Step[] steps = block.steps;
                int i = 0;
                CompiledBlock compiled = block.compiled;
                if (compiled == null && ++block.runs == compileThreshold) {
                    compiled = block.compiled = BlockCompiler.compile(block);
                }
                if (compiled != null && limit - retired >= insns.length) {
                    compiledRunning = true;
                    i = compiled.run(this);
                    compiledRunning = false;
                    retired += i;
                }
                while (true) {
                    if (codeWritten) {
                        codeWritten = false;
                        if (!block.valid()) {
                            blocks.codeCache().staleBlockLeft();
                            break;
                        }
                    }
                    if (i == insns.length || retired >= limit) break;
                    instructionStart = s.rip;
                    s.rip = instructionStart + insns[i].length;
                    steps[i].run(this);
                    retired++;
                    i++;
                }
                previous = block;
            } catch (CpuException e) {
                if (compiledRunning) {
                    retired += blockIndex;
                    instructionStart = blockStart + block.offsetOf(blockIndex);
                }
                if (!e.software) s.rip = instructionStart;
                else retired++;
                if (!delivery.deliverException(this, e)) {
                    if (shutdown) return StopReason.TRIPLE_FAULT;
                    lastException = e;
                    return StopReason.EXCEPTION;
                }
                if (shutdown) return StopReason.TRIPLE_FAULT;
            }
        }
    }
}
