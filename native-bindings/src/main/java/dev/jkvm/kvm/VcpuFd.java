package dev.jkvm.kvm;

import dev.jkvm.bindings.kvm.Kvm_h;
import dev.jkvm.bindings.kvm.kvm_fpu;
import dev.jkvm.bindings.kvm.kvm_lapic_state;
import dev.jkvm.bindings.kvm.kvm_mp_state;
import dev.jkvm.bindings.kvm.kvm_msr_entry;
import dev.jkvm.bindings.kvm.kvm_msrs;
import dev.jkvm.bindings.kvm.kvm_regs;
import dev.jkvm.bindings.kvm.kvm_signal_mask;
import dev.jkvm.bindings.kvm.kvm_sregs;
import dev.jkvm.bindings.libc.Libc;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One vCPU: its registers, its KVM_RUN loop and its mmapped kvm_run area. {@link #run()} must
 * always be called from the same platform thread (the first caller is bound); {@link #kick()} may
 * be called from any thread to make that run return {@link VcpuExit#INTR} promptly.
 */
public final class VcpuFd implements AutoCloseable {
    private static final long PAGE_SIZE = 4096;

    private final OwnedFd fd;
    private final int id;
    private final Arena mappingArena;
    private final MemorySegment mapping;
    private final KvmRunArea runArea;
    private final Object lock = new Object();
    private volatile KickSignal kickSignal;
    private boolean closed;

    private VcpuFd(OwnedFd fd, int id, Arena mappingArena, MemorySegment mapping) {
        this.fd = fd;
        this.id = id;
        this.mappingArena = mappingArena;
        this.mapping = mapping;
        this.runArea = new KvmRunArea(mapping);
    }

    /**
     * Maps the vCPU's kvm_run area (shared with KVM) and takes ownership of {@code fd}. The mapping
     * belongs to a shared arena, so a read after {@link #close()} throws instead of touching unmapped memory.
     */
    static VcpuFd map(OwnedFd fd, int id, int mmapSize) {
        MemorySegment errno = ErrnoState.current();
        MemorySegment address = Libc.mmap(errno, MemorySegment.NULL, mmapSize, Libc.PROT_READ | Libc.PROT_WRITE,
                Libc.MAP_SHARED, fd.get(), 0);
        if (address.address() == Libc.MAP_FAILED) {
            int error = Libc.errno(errno);
            fd.close();
            throw new KvmException("mmap of vCPU " + id + " kvm_run", error);
        }
        Arena arena = Arena.ofShared();
        return new VcpuFd(fd, id, arena, address.reinterpret(mmapSize, arena, VcpuFd::unmap));
    }

    /** Arena cleanup: munmap of a mapping this class made cannot fail, so there is nothing to report. */
    private static void unmap(MemorySegment mapping) {
        Libc.munmap(ErrnoState.current(), mapping, mapping.byteSize());
    }

    public int id() {
        return id;
    }

    /**
     * KVM_RUN until the next exit. A signal or kick (EINTR) is an exit too: {@link VcpuExit#INTR},
     * after which the request flag is cleared and a pending kick consumed. Callers set their own
     * request before {@link #kick()} and check it after every run, so no kick is lost.
     * <p>An application processor waits for INIT/SIPI inside KVM_RUN; once woken, KVM_RUN fails with EAGAIN
     * and expects to be called again (QEMU retries it the same way), so that is retried here.
     */
    public VcpuExit run() {
        KickSignal signal = kickSignalOfCurrentThread();
        int result;
        do {
            result = Ioctl.invoke(fd.get(), Kvm_h.KVM_RUN(), 0);
        } while (result == -Libc.EAGAIN);
        if (result >= 0) return VcpuExit.of(runArea.exitReason());
        if (-result != Libc.EINTR) throw new KvmException("KVM_RUN on vCPU " + id, -result);
        runArea.immediateExit(false);
        signal.drain();
        return VcpuExit.INTR;
    }

    /** Exit data of the last run. */
    public KvmRunArea runArea() {
        return runArea;
    }

    /** Makes the current or next KVM_RUN return {@link VcpuExit#INTR}; safe from any thread. */
    public void kick() {
        synchronized (lock) {
            if (closed) return;
            runArea.immediateExit(true);
            KickSignal signal = kickSignal;
            if (signal != null) signal.send();
        }
    }

    /**
     * Sets kvm_run.immediate_exit: while set, KVM_RUN returns at once (after completing a pending
     * I/O read), which is how to sync state before saving or stopping a vCPU.
     */
    public void immediateExit(boolean exit) {
        runArea.immediateExit(exit);
    }

    /** The VM's coalesced-MMIO ring, which lives in every vCPU's mapping. */
    public CoalescedMmioRing coalescedMmioRing() {
        return new CoalescedMmioRing(mapping.asSlice(Kvm_h.KVM_COALESCED_MMIO_PAGE_OFFSET() * PAGE_SIZE, PAGE_SIZE));
    }

    public Regs getRegs() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment regs = kvm_regs.allocate(arena);
            Ioctl.call(fd.get(), "KVM_GET_REGS", Kvm_h.KVM_GET_REGS(), regs);
            return Regs.read(regs);
        }
    }

    public void setRegs(Regs value) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment regs = kvm_regs.allocate(arena);
            value.write(regs);
            Ioctl.call(fd.get(), "KVM_SET_REGS", Kvm_h.KVM_SET_REGS(), regs);
        }
    }

    public Sregs getSregs() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sregs = kvm_sregs.allocate(arena);
            Ioctl.call(fd.get(), "KVM_GET_SREGS", Kvm_h.KVM_GET_SREGS(), sregs);
            return Sregs.read(sregs);
        }
    }

    public void setSregs(Sregs value) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sregs = kvm_sregs.allocate(arena);
            value.write(sregs);
            Ioctl.call(fd.get(), "KVM_SET_SREGS", Kvm_h.KVM_SET_SREGS(), sregs);
        }
    }

    public Fpu getFpu() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fpu = kvm_fpu.allocate(arena);
            Ioctl.call(fd.get(), "KVM_GET_FPU", Kvm_h.KVM_GET_FPU(), fpu);
            return Fpu.read(fpu);
        }
    }

    public void setFpu(Fpu value) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fpu = kvm_fpu.allocate(arena);
            value.write(fpu);
            Ioctl.call(fd.get(), "KVM_SET_FPU", Kvm_h.KVM_SET_FPU(), fpu);
        }
    }

    /** KVM_SET_CPUID2: the CPUID leaves the guest sees, usually {@link Kvm#supportedCpuid()} filtered. */
    public void setCpuid2(List<CpuidEntry> entries) {
        try (Arena arena = Arena.ofConfined()) {
            Ioctl.call(fd.get(), "KVM_SET_CPUID2", Kvm_h.KVM_SET_CPUID2(), CpuidEntry.toNative(entries, arena));
        }
    }

    /** KVM_GET_MSRS: values by MSR index, in the order asked. */
    public Map<Integer, Long> getMsrs(List<Integer> indices) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment msrs = allocateMsrs(indices.size(), arena);
            MemorySegment entries = msrs.asSlice(kvm_msrs.entries$offset());
            for (int i = 0; i < indices.size(); i++) kvm_msr_entry.index(kvm_msr_entry.asSlice(entries, i), indices.get(i));
            int read = Ioctl.call(fd.get(), "KVM_GET_MSRS", Kvm_h.KVM_GET_MSRS(), msrs);
            if (read < indices.size()) throw unsupportedMsr("KVM_GET_MSRS", indices.get(read));
            Map<Integer, Long> values = new LinkedHashMap<>();
            for (int i = 0; i < indices.size(); i++) values.put(indices.get(i), kvm_msr_entry.data(kvm_msr_entry.asSlice(entries, i)));
            return values;
        }
    }

    /** KVM_SET_MSRS: all or nothing from the caller's view; the first MSR KVM refuses is named. */
    public void setMsrs(Map<Integer, Long> values) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment msrs = allocateMsrs(values.size(), arena);
            MemorySegment entries = msrs.asSlice(kvm_msrs.entries$offset());
            int i = 0;
            int[] order = new int[values.size()];
            for (Map.Entry<Integer, Long> value : values.entrySet()) {
                MemorySegment entry = kvm_msr_entry.asSlice(entries, i);
                kvm_msr_entry.index(entry, value.getKey());
                kvm_msr_entry.data(entry, value.getValue());
                order[i++] = value.getKey();
            }
            int written = Ioctl.call(fd.get(), "KVM_SET_MSRS", Kvm_h.KVM_SET_MSRS(), msrs);
            if (written < order.length) throw unsupportedMsr("KVM_SET_MSRS", order[written]);
        }
    }

    private static MemorySegment allocateMsrs(int count, Arena arena) {
        MemorySegment msrs = arena.allocate(kvm_msrs.sizeof() + count * kvm_msr_entry.sizeof(), kvm_msrs.layout().byteAlignment());
        kvm_msrs.nmsrs(msrs, count);
        return msrs;
    }

    /** KVM reports a short count rather than an errno; EINVAL names the failure the same way. */
    private static KvmException unsupportedMsr(String ioctl, int index) {
        return new KvmException(ioctl + " of MSR 0x" + Integer.toHexString(index), Libc.EINVAL);
    }

    /** KVM_GET_LAPIC: the local APIC's 1 KiB register page. */
    public byte[] getLapic() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment lapic = kvm_lapic_state.allocate(arena);
            Ioctl.call(fd.get(), "KVM_GET_LAPIC", Kvm_h.KVM_GET_LAPIC(), lapic);
            return lapic.toArray(ValueLayout.JAVA_BYTE);
        }
    }

    public void setLapic(byte[] registers) {
        if (registers.length != kvm_lapic_state.sizeof()) {
            throw new IllegalArgumentException("LAPIC state must be " + kvm_lapic_state.sizeof() + " bytes, not " + registers.length);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment lapic = arena.allocateFrom(ValueLayout.JAVA_BYTE, registers);
            Ioctl.call(fd.get(), "KVM_SET_LAPIC", Kvm_h.KVM_SET_LAPIC(), lapic);
        }
    }

    public MpState getMpState() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = kvm_mp_state.allocate(arena);
            Ioctl.call(fd.get(), "KVM_GET_MP_STATE", Kvm_h.KVM_GET_MP_STATE(), state);
            return MpState.of(kvm_mp_state.mp_state(state));
        }
    }

    public void setMpState(MpState value) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = kvm_mp_state.allocate(arena);
            kvm_mp_state.mp_state(state, value.code());
            Ioctl.call(fd.get(), "KVM_SET_MP_STATE", Kvm_h.KVM_SET_MP_STATE(), state);
        }
    }

    /** KVM_GET_TSC_KHZ: the guest TSC frequency. */
    public int tscKhz() {
        return Ioctl.call(fd.get(), "KVM_GET_TSC_KHZ", Kvm_h.KVM_GET_TSC_KHZ(), 0);
    }

    /** KVM_SET_TSC_KHZ (needs {@link KvmCapability#TSC_CONTROL}). */
    public void setTscKhz(int khz) {
        Ioctl.call(fd.get(), "KVM_SET_TSC_KHZ", Kvm_h.KVM_SET_TSC_KHZ(), Integer.toUnsignedLong(khz));
    }

    /** KVM_GET_STATS_FD: this vCPU's statistics (exits, halts, ...). */
    public KvmStats statsFd() {
        return KvmStats.open(Ioctl.call(fd.get(), "KVM_GET_STATS_FD", Kvm_h.KVM_GET_STATS_FD(), 0));
    }

    /** Binds the first calling thread for kicks and gives KVM_RUN the mask that opens the kick signal. */
    private KickSignal kickSignalOfCurrentThread() {
        KickSignal signal = kickSignal;
        Thread current = Thread.currentThread();
        if (signal != null) {
            if (!signal.isBoundTo(current)) throw new IllegalStateException("vCPU " + id + " runs on another thread");
            return signal;
        }
        synchronized (lock) {
            if (closed) throw new IllegalStateException("vCPU " + id + " is closed");
            signal = KickSignal.bindCurrentThread();
            setSignalMask(signal.kvmRunMask());
            kickSignal = signal;
            return signal;
        }
    }

    /** KVM_SET_SIGNAL_MASK takes the kernel's 8-byte sigset, not glibc's 128-byte sigset_t. */
    private void setSignalMask(long kernelMask) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment mask = arena.allocate(kvm_signal_mask.sizeof() + Long.BYTES, kvm_signal_mask.layout().byteAlignment());
            kvm_signal_mask.len(mask, Long.BYTES);
            mask.set(ValueLayout.JAVA_LONG_UNALIGNED, kvm_signal_mask.sigset$offset(), kernelMask);
            Ioctl.call(fd.get(), "KVM_SET_SIGNAL_MASK", Kvm_h.KVM_SET_SIGNAL_MASK(), mask);
        }
    }

    /** Closes the vCPU. Call it from the vCPU thread to also restore that thread's signal mask. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) return;
            closed = true;
            KickSignal signal = kickSignal;
            if (signal != null) signal.unbind();
            mappingArena.close();
            fd.close();
        }
    }
}
