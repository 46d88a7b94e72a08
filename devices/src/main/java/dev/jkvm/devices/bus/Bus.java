package dev.jkvm.devices.bus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A port I/O or MMIO address space. Devices claim ranges; overlapping claims are rejected. Every
 * dispatched access is counted per device window and register. Reads nobody claims return all ones
 * and are counted as unclaimed; writes nobody claims are dropped and counted.
 *
 * <p>The window table is copy-on-write so vCPU threads dispatch without locks while PCI BARs move.
 */
public final class Bus {
    public enum Kind { PIO, MMIO }

    /** One device window. */
    public static final class Window {
        private final String name;
        private final long base;
        private final long length;
        private final BusDevice device;
        private final ExitKind exitKind;
        private final AccessCounter counter = new AccessCounter();

        Window(String name, long base, long length, BusDevice device, ExitKind exitKind) {
            this.name = name;
            this.base = base;
            this.length = length;
            this.device = device;
            this.exitKind = exitKind;
        }

        public String name() { return name; }
        public long base() { return base; }
        public long length() { return length; }
        public BusDevice device() { return device; }
        public ExitKind exitKind() { return exitKind; }
        public AccessCounter counter() { return counter; }

        boolean contains(long address) {
            return Long.compareUnsigned(address - base, length) < 0;
        }

        @Override
        public String toString() {
            return String.format("%s [%#x..%#x]", name, base, base + length - 1);
        }
    }

    /** Sees each access the observing thread makes; window is null for unclaimed addresses. */
    @FunctionalInterface
    public interface AccessObserver {
        void accessed(Window window, Direction direction, int size);
    }

    private final Kind kind;
    private volatile Window[] windows = new Window[0];
    private final AccessCounter unclaimed = new AccessCounter();
    private final ThreadLocal<AccessObserver> observers = new ThreadLocal<>();

    public Bus(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public synchronized Window register(String name, long base, long length, BusDevice device, ExitKind exitKind) {
        Objects.requireNonNull(device, "device");
        if (length <= 0) throw new IllegalArgumentException(name + ": empty window");
        if (kind == Kind.PIO && (base < 0 || base + length > 0x10000)) {
            throw new IllegalArgumentException(String.format("%s: ports %#x+%#x outside 0..0xffff", name, base, length));
        }
        for (Window w : windows) {
            boolean disjoint = Long.compareUnsigned(base + length - 1, w.base) < 0
                    || Long.compareUnsigned(w.base + w.length - 1, base) < 0;
            if (!disjoint) {
                throw new BusOverlapException(String.format("%s bus: %s [%#x..%#x] overlaps %s",
                        kind, name, base, base + length - 1, w));
            }
        }
        Window window = new Window(name, base, length, device, exitKind);
        Window[] next = Arrays.copyOf(windows, windows.length + 1);
        next[next.length - 1] = window;
        Arrays.sort(next, (a, b) -> Long.compareUnsigned(a.base, b.base));
        windows = next;
        return window;
    }

    public Window register(String name, long base, long length, BusDevice device) {
        return register(name, base, length, device, ExitKind.USER_SPACE);
    }

    public synchronized void unregister(Window window) {
        List<Window> next = new ArrayList<>(Arrays.asList(windows));
        if (!next.remove(window)) throw new IllegalArgumentException(window + " is not registered");
        windows = next.toArray(new Window[0]);
    }

    /** The window holding the address, or null. */
    public Window find(long address) {
        Window[] table = windows;
        int lo = 0, hi = table.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Window w = table[mid];
            if (Long.compareUnsigned(address, w.base) < 0) {
                hi = mid - 1;
            } else if (w.contains(address)) {
                return w;
            } else {
                lo = mid + 1;
            }
        }
        return null;
    }

    /**
     * Observes the accesses the calling thread makes from now on. A CPU that dispatches its own
     * port and MMIO accesses (the software CPU) counts its exits this way; null stops observing.
     */
    public void observeThisThread(AccessObserver observer) {
        if (observer == null) observers.remove();
        else observers.set(observer);
    }

    private void notifyObserver(Window w, Direction direction, int size) {
        AccessObserver observer = observers.get();
        if (observer != null) observer.accessed(w, direction, size);
    }

    public long read(long address, int size) {
        Window w = find(address);
        notifyObserver(w, Direction.READ, size);
        if (w == null) {
            unclaimed.record(address, Direction.READ, size, 0);
            return mask(size);
        }
        long start = System.nanoTime();
        long value = w.device.read(address - w.base, size) & mask(size);
        w.counter.record(address - w.base, Direction.READ, size, System.nanoTime() - start);
        return value;
    }

    public void write(long address, int size, long value) {
        Window w = find(address);
        notifyObserver(w, Direction.WRITE, size);
        if (w == null) {
            unclaimed.record(address, Direction.WRITE, size, 0);
            return;
        }
        long start = System.nanoTime();
        w.device.write(address - w.base, size, value);
        w.counter.record(address - w.base, Direction.WRITE, size, System.nanoTime() - start);
    }

    private static long mask(int size) {
        return size >= 8 ? -1L : (1L << (size * 8)) - 1;
    }

    public List<Window> windows() {
        return List.of(windows);
    }

    /** Accesses that hit no device, keyed by absolute address. */
    public AccessCounter unclaimed() {
        return unclaimed;
    }
}
