package dev.jkvm.kvm;

import dev.jkvm.bindings.libc.Libc;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** One errno capture segment per thread, so hot calls such as KVM_RUN allocate nothing. */
final class ErrnoState {
    private ErrnoState() {}

    private static final ThreadLocal<MemorySegment> STATE =
            ThreadLocal.withInitial(() -> Libc.allocateErrnoState(Arena.ofAuto()));

    static MemorySegment current() {
        return STATE.get();
    }
}
