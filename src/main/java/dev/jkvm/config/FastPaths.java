package dev.jkvm.config;

import dev.jkvm.VmmException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The KVM fast paths of --fast-paths: which device events KVM handles in the kernel instead of exiting
 * to user space.
 *
 * <ul>
 *   <li>{@code ioeventfd}: a virtio queue notification signals an eventfd in the kernel; a device I/O
 *       thread processes the queue. Without it, the notify write exits to the vCPU thread, which processes it.</li>
 *   <li>{@code irqfd}: device interrupts are eventfd writes KVM turns into interrupts (MSI-X through GSI
 *       routes, level-triggered INTx with a resample eventfd) instead of KVM_SIGNAL_MSI / KVM_IRQ_LINE.</li>
 *   <li>{@code coalesced-mmio}: writes to e1000 registers without an immediate side effect are buffered by
 *       KVM in the coalesced-MMIO ring and replayed, in order, before the next exit is handled.</li>
 * </ul>
 * The software CPU processes every access directly, but labels the accesses an enabled fast path would keep
 * in the kernel as in-kernel, so both accelerators' exit tables count the same events the same way.
 */
public record FastPaths(boolean ioeventfd, boolean irqfd, boolean coalescedMmio) {
    public static final FastPaths ALL = new FastPaths(true, true, true);
    public static final FastPaths NONE = new FastPaths(false, false, false);

    public static final String IOEVENTFD = "ioeventfd", IRQFD = "irqfd", COALESCED_MMIO = "coalesced-mmio";

    /**
     * Parses the value of --fast-paths: {@code all}, {@code none}, or a comma-separated list of
     * {@code ioeventfd}, {@code irqfd} and {@code coalesced-mmio}.
     */
    public static FastPaths parse(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.equals("all")) return ALL;
        if (v.equals("none")) return NONE;
        if (v.isEmpty()) throw new VmmException("--fast-paths: empty; expected all, none or a list of "
                + IOEVENTFD + "," + IRQFD + "," + COALESCED_MMIO);
        boolean ioeventfd = false, irqfd = false, coalesced = false;
        for (String item : v.split(",", -1)) {
            switch (item.strip()) {
                case IOEVENTFD -> ioeventfd = true;
                case IRQFD -> irqfd = true;
                case COALESCED_MMIO, "coalesced_mmio", "coalesced" -> coalesced = true;
                default -> throw new VmmException("--fast-paths " + value + ": unknown fast path '" + item.strip()
                        + "'; expected all, none or a list of " + IOEVENTFD + "," + IRQFD + "," + COALESCED_MMIO);
            }
        }
        return new FastPaths(ioeventfd, irqfd, coalesced);
    }

    public FastPaths withoutIoeventfd() {
        return new FastPaths(false, irqfd, coalescedMmio);
    }

    public FastPaths withoutIrqfd() {
        return new FastPaths(ioeventfd, false, coalescedMmio);
    }

    public FastPaths withoutCoalescedMmio() {
        return new FastPaths(ioeventfd, irqfd, false);
    }

    /** The --fast-paths spelling: "none", or the enabled names joined by commas. */
    @Override
    public String toString() {
        List<String> names = new ArrayList<>();
        if (ioeventfd) names.add(IOEVENTFD);
        if (irqfd) names.add(IRQFD);
        if (coalescedMmio) names.add(COALESCED_MMIO);
        return names.isEmpty() ? "none" : String.join(",", names);
    }
}
