package dev.jkvm.kvm;

import dev.jkvm.bindings.kvm.Kvm_h;
import dev.jkvm.bindings.kvm.kvm_run;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

/**
 * The vCPU's mmapped struct kvm_run: what the last KVM_RUN exit was about. The data segments of
 * {@link IoExit} and {@link MmioExit} are views into this area: for reads (IO in, MMIO read) write
 * the result there before the next {@link VcpuFd#run()}.
 */
public final class KvmRunArea {
    private static final VarHandle IMMEDIATE_EXIT = kvm_run.layout().varHandle(groupElement("immediate_exit"));

    private final MemorySegment run;

    KvmRunArea(MemorySegment run) {
        this.run = run;
    }

    /** Port I/O: {@code count} repetitions of {@code size} bytes each, laid out in {@code data}. */
    public record IoExit(boolean out, int port, int size, int count, MemorySegment data) {}

    /** A guest access of {@code data.byteSize()} bytes to unbacked guest-physical memory. */
    public record MmioExit(long address, boolean write, MemorySegment data) {}

    /** VM entry failed: the hardware reason (VMX exit qualification or SVM code) and the host CPU. */
    public record FailEntry(long hardwareReason, int cpu) {}

    /** KVM could not handle an exit; {@code suberror} is a KVM_INTERNAL_ERROR_* code. */
    public record InternalError(int suberror, long[] data) {}

    /** The guest asked for a shutdown, reset or crash report. */
    public record SystemEvent(int type, long[] data) {
        public static final int SHUTDOWN = Kvm_h.KVM_SYSTEM_EVENT_SHUTDOWN();
        public static final int RESET = Kvm_h.KVM_SYSTEM_EVENT_RESET();
        public static final int CRASH = Kvm_h.KVM_SYSTEM_EVENT_CRASH();
    }

    /** The raw kvm_run.exit_reason, also for exits {@link VcpuExit} names as OTHER. */
    public int exitReason() {
        return kvm_run.exit_reason(run);
    }

    public IoExit io() {
        MemorySegment io = kvm_run.io(run);
        int size = Byte.toUnsignedInt(kvm_run.io.size(io));
        int count = kvm_run.io.count(io);
        MemorySegment data = run.asSlice(kvm_run.io.data_offset(io), (long) size * count);
        return new IoExit(kvm_run.io.direction(io) == Kvm_h.KVM_EXIT_IO_OUT(),
                Short.toUnsignedInt(kvm_run.io.port(io)), size, count, data);
    }

    public MmioExit mmio() {
        MemorySegment mmio = kvm_run.mmio(run);
        MemorySegment data = kvm_run.mmio.data(mmio).asSlice(0, kvm_run.mmio.len(mmio));
        return new MmioExit(kvm_run.mmio.phys_addr(mmio), kvm_run.mmio.is_write(mmio) != 0, data);
    }

    /** For {@link VcpuExit#UNKNOWN}: the hardware exit reason KVM did not handle. */
    public long hardwareExitReason() {
        return kvm_run.hw.hardware_exit_reason(kvm_run.hw(run));
    }

    public FailEntry failEntry() {
        MemorySegment failEntry = kvm_run.fail_entry(run);
        return new FailEntry(kvm_run.fail_entry.hardware_entry_failure_reason(failEntry), kvm_run.fail_entry.cpu(failEntry));
    }

    public InternalError internalError() {
        MemorySegment internal = kvm_run.internal(run);
        int count = Math.min(kvm_run.internal.ndata(internal), 16);
        return new InternalError(kvm_run.internal.suberror(internal),
                kvm_run.internal.data(internal).asSlice(0, count * 8L).toArray(ValueLayout.JAVA_LONG));
    }

    public SystemEvent systemEvent() {
        MemorySegment event = kvm_run.system_event(run);
        int count = Math.min(kvm_run.system_event.ndata(event), 16);
        return new SystemEvent(kvm_run.system_event.type(event),
                kvm_run.system_event.data(event).asSlice(0, count * 8L).toArray(ValueLayout.JAVA_LONG));
    }

    /** A volatile store: a kicking thread's write must be visible to KVM before its signal is sent. */
    void immediateExit(boolean exit) {
        IMMEDIATE_EXIT.setVolatile(run, 0L, (byte) (exit ? 1 : 0));
    }
}
