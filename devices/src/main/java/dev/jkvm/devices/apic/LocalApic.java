package dev.jkvm.devices.apic;

import dev.jkvm.devices.bus.BusDevice;
import dev.jkvm.devices.time.Clock;

import java.util.Arrays;
import java.util.Objects;

/**
 * One vCPU's local APIC in xAPIC mode (SDM vol. 3 ch. 11) for the software CPU: the 4 KiB register
 * page, the APIC base MSR, interrupt acceptance and priority, the timer (one-shot and periodic) and
 * interprocessor interrupts. Not implemented, so not to be advertised in CPUID: x2APIC (the base
 * MSR's EXTD bit is reserved) and the TSC-deadline timer mode.
 *
 * <p>The CPU, between instructions with IF set: if {@link #pendingVector()} is not -1 it takes
 * {@link #acknowledge()}'s vector (and later writes EOI); otherwise, if the 8259's INT output is
 * high and {@link #acceptsPicInterrupts()}, it takes {@code PicPair.acknowledge()}'s vector.
 *
 * <p>Register access: 32-bit registers at 16-byte aligned offsets. Narrower or unaligned reads see
 * the addressed bytes of the register and zeros past its 4 bytes; only 4- and 8-byte writes at a
 * register's offset take effect (an 8-byte write's high half is dropped). Unknown and reserved
 * registers read zero and ignore writes. The APIC ID is read-only: the MP table and CPUID report it.
 *
 * <p>Locking: the state is guarded by this object. Messages to other LAPICs, EOIs to the IOAPIC and
 * {@link CpuSignals} calls happen after the lock is released, so vCPUs never wait on each other.
 */
public final class LocalApic implements BusDevice {
    public static final long DEFAULT_BASE = 0xfee0_0000L;
    public static final long WINDOW_SIZE = 0x1000;
    public static final int APIC_BASE_MSR = 0x1b;

    /** Integrated APIC (0x14) with LVT entries 0-5: timer, thermal, performance, LINT0, LINT1, error. */
    private static final int VERSION = 0x0005_0014;

    private static final int ID = 0x20, VERSION_REGISTER = 0x30, TPR = 0x80, APR = 0x90, PPR = 0xa0,
            EOI = 0xb0, LDR = 0xd0, DFR = 0xe0, SVR = 0xf0, ISR = 0x100, TMR = 0x180, IRR = 0x200,
            ESR = 0x280, ICR_LOW = 0x300, ICR_HIGH = 0x310, LVT_FIRST = 0x320, LVT_LAST = 0x370,
            TIMER_INITIAL = 0x380, TIMER_CURRENT = 0x390, TIMER_DIVIDE = 0x3e0, REGISTERS_END = 0x400;

    private static final int LVT_TIMER = 0, LVT_LINT0 = 3, LVT_ERROR = 5;
    /** Per LVT entry: vector, delivery mode where it has one, polarity and trigger for LINT0/1, mask, timer mode. */
    private static final int[] LVT_WRITABLE = {0x300ff, 0x107ff, 0x107ff, 0x1a7ff, 0x1a7ff, 0x100ff};
    private static final int MASKED = 1 << 16, PERIODIC = 1 << 17;

    private static final int SOFTWARE_ENABLE = 1 << 8, SVR_WRITABLE = 0x3ff, SVR_RESET = 0xff;
    /** Vector, delivery mode, destination mode, level, trigger mode, shorthand; delivery status reads idle. */
    private static final int ICR_WRITABLE = 0x000c_cfff, ICR_LEVEL_ASSERT = 1 << 14;
    private static final int SHORTHAND_NONE = 0, SHORTHAND_SELF = 1, SHORTHAND_ALL = 2;
    private static final int SEND_ILLEGAL_VECTOR = 1 << 5, RECEIVE_ILLEGAL_VECTOR = 1 << 6;
    /** Vectors 0-15 are the CPU's exceptions; an APIC refuses them as interrupts. */
    private static final int FIRST_LEGAL_VECTOR = 16;
    private static final int FLAT_MODEL = 0xf;

    private static final long BASE_BSP = 1 << 8, BASE_ENABLE = 1 << 11;
    /** Bits 39:12: the software CPU reports 40 physical address bits in CPUID 0x80000008. */
    private static final long BASE_ADDRESS = ((1L << 40) - 1) & ~0xfffL;

    private static final Runnable NOTHING = () -> {};

    private final int id;
    private final boolean bootstrapProcessor;
    private final Clock clock;
    private final ApicBus bus;
    private final CpuSignals signals;
    private final ApicTimer timer;
    private final VectorSet irr = new VectorSet(), isr = new VectorSet(), tmr = new VectorSet();
    private final int[] lvt = new int[LVT_WRITABLE.length];
    private long apicBase;
    private int tpr, ldr, dfr, svr, icrLow, icrHigh;
    /** The ESR shows the errors latched by the last ESR write; newer ones collect here. */
    private int esr, pendingErrors;

    /**
     * The machine also attaches the LAPIC to the bus ({@link ApicBus#attach(LocalApic)}) and maps
     * {@link #WINDOW_SIZE} bytes at {@link #DEFAULT_BASE} to it (on the vCPU's own MMIO path).
     */
    public LocalApic(int id, boolean bootstrapProcessor, Clock clock, ApicBus bus, CpuSignals signals) {
        if (id < 0 || id >= ApicMessage.BROADCAST) throw new IllegalArgumentException("APIC ID " + id);
        this.id = id;
        this.bootstrapProcessor = bootstrapProcessor;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.bus = Objects.requireNonNull(bus, "bus");
        this.signals = Objects.requireNonNull(signals, "signals");
        this.timer = new ApicTimer(clock.newTimer("lapic" + id + "-timer", this::onTimerExpiry));
        apicBase = DEFAULT_BASE | BASE_ENABLE | (bootstrapProcessor ? BASE_BSP : 0);
        resetRegisters();
    }

    public int id() {
        return id;
    }

    // ---- APIC base MSR

    public synchronized long apicBaseMsr() {
        return apicBase;
    }

    /**
     * WRMSR 0x1b: returns false, changing nothing, when reserved bits are set (the CPU raises #GP).
     * The BSP flag is read-only. Clearing the global enable resets the registers and detaches the
     * APIC: its page reads all ones, it accepts no messages and the CPU takes 8259 interrupts
     * directly. A moved base is recorded but the page stays where the machine mapped it.
     */
    public boolean setApicBaseMsr(long value) {
        if ((value & ~(BASE_ADDRESS | BASE_ENABLE | BASE_BSP)) != 0) return false;
        synchronized (this) {
            boolean wasEnabled = hardwareEnabled();
            apicBase = (value & (BASE_ADDRESS | BASE_ENABLE)) | (apicBase & BASE_BSP);
            if (wasEnabled && !hardwareEnabled()) resetRegisters();
        }
        return true;
    }

    // ---- the CPU's interrupt acceptance

    /** The highest-priority requested vector whose priority class is above the PPR's, or -1. */
    public synchronized int pendingVector() {
        if (!hardwareEnabled()) return -1;
        int vector = irr.highest();
        if (vector < 0 || priorityClass(vector) <= priorityClass(processorPriority())) return -1;
        return vector;
    }

    /** Whether the APIC has an interrupt for the CPU: with IF set, this ends a HLT. */
    public boolean hasPendingInterrupt() {
        return pendingVector() >= 0;
    }

    /**
     * The interrupt-acknowledge cycle: moves {@link #pendingVector()} from IRR to ISR and returns
     * it. If the request went away (say TPR was raised) it returns the spurious vector from the SVR,
     * which needs no EOI.
     */
    public synchronized int acknowledge() {
        int vector = pendingVector();
        if (vector < 0) return svr & 0xff;
        irr.remove(vector);
        isr.add(vector);
        return vector;
    }

    /**
     * Whether the 8259's INT output reaches the CPU: directly while the APIC is globally disabled,
     * else through LINT0 when it is unmasked in ExtINT mode (virtual wire mode).
     */
    public synchronized boolean acceptsPicInterrupts() {
        if (!hardwareEnabled()) return true;
        int lint0 = lvt[LVT_LINT0];
        return (lint0 & MASKED) == 0 && DeliveryMode.fromField(lint0 >>> 8) == DeliveryMode.EXT_INT;
    }

    // ---- messages from the bus

    /** Whether a message to this destination is for this LAPIC (SDM 11.6.2). */
    synchronized boolean isAddressedBy(int destination, boolean logical) {
        if (destination == ApicMessage.BROADCAST) return true;
        if (!logical) return destination == id;
        int logicalId = ldr >>> 24;
        if (dfr >>> 28 == FLAT_MODEL) return (logicalId & destination) != 0;
        int cluster = destination >>> 4;
        boolean clusterMatches = cluster == 0xf || cluster == logicalId >>> 4;
        return clusterMatches && (destination & logicalId & 0xf) != 0;
    }

    /** Takes a message addressed to this LAPIC; returns whether it was accepted. */
    boolean accept(ApicMessage message) {
        return switch (message.deliveryMode()) {
            case FIXED, LOWEST_PRIORITY -> acceptInterrupt(message);
            case INIT -> acceptInit(message);
            case STARTUP -> signalIfPresent(() -> signals.startup(message.vector()));
            case NMI -> signalIfPresent(signals::nmi);
            case SMI, RESERVED, EXT_INT -> false;
        };
    }

    private boolean acceptInterrupt(ApicMessage message) {
        synchronized (this) {
            // A software-disabled APIC still takes INIT, STARTUP and NMI but no interrupts (SDM 11.4.7.2).
            if (!hardwareEnabled() || !softwareEnabled()) return false;
            requestInterrupt(message.vector(), message.levelTriggered());
        }
        wakeIfDeliverable();
        return true;
    }

    private boolean acceptInit(ApicMessage message) {
        synchronized (this) {
            if (!hardwareEnabled() || message.isInitDeassert()) return false;
            resetRegisters();
        }
        signals.init();
        return true;
    }

    private boolean signalIfPresent(Runnable signal) {
        synchronized (this) {
            if (!hardwareEnabled()) return false;
        }
        signal.run();
        return true;
    }

    private void onTimerExpiry() {
        synchronized (this) {
            if (!timer.expire(clock.nanos())) return;
            int lvtTimer = lvt[LVT_TIMER];
            if ((lvtTimer & MASKED) != 0) return;
            requestInterrupt(lvtTimer & 0xff, false);
        }
        wakeIfDeliverable();
    }

    private void wakeIfDeliverable() {
        if (hasPendingInterrupt()) signals.interruptPending();
    }

    private void requestInterrupt(int vector, boolean levelTriggered) {
        if (vector < FIRST_LEGAL_VECTOR) {
            reportError(RECEIVE_ILLEGAL_VECTOR);
            return;
        }
        irr.add(vector);
        if (levelTriggered) tmr.add(vector);
        else tmr.remove(vector);
    }

    /** Latches an error and raises the LVT error interrupt once per new error kind. */
    private void reportError(int error) {
        boolean newError = (pendingErrors & error) == 0;
        pendingErrors |= error;
        int lvtError = lvt[LVT_ERROR];
        if (newError && (lvtError & MASKED) == 0) requestInterrupt(lvtError & 0xff, false);
    }

    // ---- the register page

    @Override
    public long read(long offset, int size) {
        int byteInRegister = (int) (offset & 0xf);
        synchronized (this) {
            // A globally disabled APIC does not decode its page: the access sees an empty bus.
            if (!hardwareEnabled()) return size >= 8 ? -1L : (1L << (size * 8)) - 1;
            if (offset >= REGISTERS_END || byteInRegister >= 4) return 0;
            return Integer.toUnsignedLong(readRegister((int) offset - byteInRegister)) >>> (8 * byteInRegister);
        }
    }

    @Override
    public void write(long offset, int size, long value) {
        if (size < 4 || (offset & 0xf) != 0 || offset >= REGISTERS_END) return;
        Runnable afterUnlock;
        synchronized (this) {
            if (!hardwareEnabled()) return;
            afterUnlock = writeRegister((int) offset, (int) value);
        }
        afterUnlock.run();
    }

    private int readRegister(int offset) {
        if (offset >= ISR && offset < IRR + 0x80) {
            VectorSet set = offset < TMR ? isr : offset < IRR ? tmr : irr;
            return set.word((offset & 0x7f) >>> 4);
        }
        if (offset >= LVT_FIRST && offset <= LVT_LAST) return lvt[(offset - LVT_FIRST) >>> 4];
        return switch (offset) {
            case ID -> id << 24;
            case VERSION_REGISTER -> VERSION;
            case TPR -> tpr;
            case APR -> arbitrationPriority();
            case PPR -> processorPriority();
            case LDR -> ldr;
            case DFR -> dfr;
            case SVR -> svr;
            case ESR -> esr;
            case ICR_LOW -> icrLow;
            case ICR_HIGH -> icrHigh;
            case TIMER_INITIAL -> timer.initialCount();
            case TIMER_CURRENT -> timer.currentCount(clock.nanos());
            case TIMER_DIVIDE -> timer.divideConfiguration();
            default -> 0;
        };
    }

    /** Returns what must happen once the lock is released: an IPI or an EOI broadcast. */
    private Runnable writeRegister(int offset, int value) {
        if (offset >= LVT_FIRST && offset <= LVT_LAST) {
            writeLvt((offset - LVT_FIRST) >>> 4, value);
            return NOTHING;
        }
        switch (offset) {
            case TPR -> tpr = value & 0xff;
            case EOI -> {
                return endOfInterrupt();
            }
            case LDR -> ldr = value & 0xff00_0000;
            case DFR -> dfr = value | 0x0fff_ffff;
            case SVR -> writeSpuriousVector(value);
            case ESR -> {
                esr = pendingErrors;
                pendingErrors = 0;
            }
            case ICR_LOW -> {
                icrLow = value & ICR_WRITABLE;
                return sendInterprocessorInterrupt();
            }
            case ICR_HIGH -> icrHigh = value & 0xff00_0000;
            case TIMER_INITIAL -> timer.start(value, clock.nanos());
            case TIMER_DIVIDE -> timer.setDivideConfiguration(value, clock.nanos());
            default -> { } // read-only or reserved
        }
        return NOTHING;
    }

    /** While software-disabled every LVT entry stays masked (SDM 11.4.7.2). */
    private void writeSpuriousVector(int value) {
        svr = value & SVR_WRITABLE;
        if (!softwareEnabled()) {
            for (int i = 0; i < lvt.length; i++) lvt[i] |= MASKED;
        }
    }

    private void writeLvt(int index, int value) {
        lvt[index] = (value & LVT_WRITABLE[index]) | (softwareEnabled() ? 0 : MASKED);
        if (index == LVT_TIMER) timer.setPeriodic((value & PERIODIC) != 0, clock.nanos());
    }

    /** Retires the highest in-service vector; a level-triggered one is reported to the IOAPIC. */
    private Runnable endOfInterrupt() {
        int vector = isr.highest();
        if (vector < 0) return NOTHING;
        isr.remove(vector);
        return tmr.contains(vector) ? () -> bus.endOfInterrupt(vector) : NOTHING;
    }

    private Runnable sendInterprocessorInterrupt() {
        ApicMessage message = ApicMessage.fromEntry(icrLow, icrHigh >>> 24, (icrLow & ICR_LEVEL_ASSERT) != 0);
        DeliveryMode mode = message.deliveryMode();
        boolean carriesVector = mode == DeliveryMode.FIXED || mode == DeliveryMode.LOWEST_PRIORITY;
        if (carriesVector && message.vector() < FIRST_LEGAL_VECTOR) {
            reportError(SEND_ILLEGAL_VECTOR);
            return NOTHING;
        }
        return switch ((icrLow >>> 18) & 3) {
            case SHORTHAND_NONE -> () -> bus.deliver(message);
            case SHORTHAND_SELF -> () -> accept(message);
            case SHORTHAND_ALL -> () -> bus.deliverToAll(message, null);
            default -> () -> bus.deliverToAll(message, this);
        };
    }

    // ---- state

    /** The power-up state, which INIT also restores; ID and base MSR are kept. */
    private void resetRegisters() {
        tpr = 0;
        ldr = 0;
        dfr = 0xffff_ffff;
        svr = SVR_RESET;
        icrLow = 0;
        icrHigh = 0;
        esr = 0;
        pendingErrors = 0;
        irr.clear();
        isr.clear();
        tmr.clear();
        Arrays.fill(lvt, MASKED);
        // As firmware leaves the BSP (virtual wire mode): 8259 interrupts arrive through LINT0.
        if (bootstrapProcessor) lvt[LVT_LINT0] = DeliveryMode.EXT_INT.ordinal() << 8;
        timer.reset();
    }

    private boolean hardwareEnabled() {
        return (apicBase & BASE_ENABLE) != 0;
    }

    private boolean softwareEnabled() {
        return (svr & SOFTWARE_ENABLE) != 0;
    }

    private static int priorityClass(int priority) {
        return priority >>> 4;
    }

    /** PPR: the TPR, unless the highest in-service vector's class is higher. */
    private int processorPriority() {
        int inService = Math.max(isr.highest(), 0);
        return priorityClass(tpr) >= priorityClass(inService) ? tpr : inService & 0xf0;
    }

    /** APR (P6 family definition): the TPR, unless a requested or in-service vector's class is higher. */
    private int arbitrationPriority() {
        int requested = Math.max(irr.highest(), 0);
        int inService = Math.max(isr.highest(), 0);
        if (priorityClass(tpr) >= priorityClass(requested) && priorityClass(tpr) > priorityClass(inService)) {
            return tpr;
        }
        return Math.max(tpr, Math.max(requested, inService)) & 0xf0;
    }
}
