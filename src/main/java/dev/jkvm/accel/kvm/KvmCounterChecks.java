package dev.jkvm.accel.kvm;

import dev.jkvm.accel.CounterCheck;
import dev.jkvm.accel.CounterCheck.Relation;
import dev.jkvm.accel.ExitReason;
import dev.jkvm.accel.VcpuStats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * jkvm's exit counts against KVM's per-vCPU statistics (x86, KVM_GET_STATS_FD):
 * <ul>
 * <li>mmio_exits counts the MMIO accesses KVM's emulator passed to user space: one per KVM_EXIT_MMIO.
 *     Writes that land in a coalesced MMIO zone or an ioeventfd stay in the kernel and are in neither.
 * <li>io_exits counts every port I/O intercept, including the ports KVM serves itself (PIC, PIT, ioeventfds).
 * <li>halt_exits counts every HLT; with the in-kernel irqchip KVM waits for the interrupt itself.
 * <li>exits counts every hardware exit; KVM_EXIT_INTR returns come from signals and immediate_exit, not the guest.
 * </ul>
 */
final class KvmCounterChecks {
    private KvmCounterChecks() {}

    static List<CounterCheck> compare(VcpuStats stats, Map<String, Long> kvm) {
        long mmio = stats.get(ExitReason.MMIO_READ) + stats.get(ExitReason.MMIO_WRITE);
        long io = stats.get(ExitReason.IO_IN) + stats.get(ExitReason.IO_OUT);
        long fromGuest = stats.total() - stats.get(ExitReason.INTR);
        List<CounterCheck> checks = new ArrayList<>();
        add(checks, kvm, "mmio_exits", mmio, Relation.EQUAL);
        add(checks, kvm, "io_exits", io, Relation.ACCELERATOR_AT_LEAST);
        add(checks, kvm, "halt_exits", stats.get(ExitReason.HLT), Relation.ACCELERATOR_AT_LEAST);
        add(checks, kvm, "exits", fromGuest, Relation.ACCELERATOR_AT_LEAST);
        return checks;
    }

    private static void add(List<CounterCheck> checks, Map<String, Long> kvm, String counter, long jkvm, Relation relation) {
        Long theirs = kvm.get(counter);
        if (theirs != null) checks.add(new CounterCheck(counter, jkvm, theirs, relation));
    }
}
