package dev.jkvm.accel.tcg;

import dev.jkvm.devices.bus.Bus;
import dev.jkvm.tcg.state.CpuState;
import dev.jkvm.tcg.state.Reg;

/**
 * Groups the software CPU's port reads into exits the way KVM does, so that exit counts from both
 * accelerators line up. KVM's instruction emulator serves `rep ins` from a read-ahead cache: one exit to
 * user space fetches min(bytes left in the destination page, 1024 / element size, RCX) elements, at
 * least one (the kernel compares a byte count with element counts there; this follows it). `rep outs` and single
 * IN instructions exit once per element, as every read outside such a batch does.
 *
 * <p>An element belongs to the running batch when it is read from the same window by the same execution
 * of the same instruction (same next-instruction address and retired-instruction count).
 */
final class PortReadBatches {
    /** KVM's emulator read-ahead cache, struct read_cache in arch/x86/kvm/kvm_emulate.h. */
    static final int READ_AHEAD_BYTES = 1024;
    private static final int PAGE_SIZE = 4096;

    private Bus.Window window;
    private long nextRip = -1;
    private long retired = -1;
    private long left;

    /** Whether a port read of {@code size} bytes from {@code w} now is a new exit (else it is served from the batch). */
    boolean startsExit(Bus.Window w, int size, CpuState s, long retiredInstructions) {
        if (left > 0 && w == window && s.rip == nextRip && retiredInstructions == retired) {
            left--;
            return false;
        }
        window = w;
        nextRip = s.rip;
        retired = retiredInstructions;
        long inPage = s.directionDown() ? (s.gpr[Reg.RDI] & (PAGE_SIZE - 1)) : PAGE_SIZE - (s.gpr[Reg.RDI] & (PAGE_SIZE - 1));
        long count = Math.max(1, s.gpr[Reg.RCX] & 0xffffffffL);
        left = Math.max(1, Math.min(Math.min(inPage, READ_AHEAD_BYTES / size), count)) - 1;
        return true;
    }

    /** Any other exit ends the batch. */
    void end() {
        left = 0;
    }
}
