package dev.jkvm.devices.bus;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the accesses to one bus window per register, direction and size, with bytes moved and
 * nanoseconds spent in the device's handler. Safe for concurrent vCPU threads.
 */
public final class AccessCounter {
    /** What one (register, direction, size) cell has seen. */
    public record Cell(long offset, Direction direction, int size, long count, long bytes, long nanos) {}

    private static final class Totals {
        final LongAdder count = new LongAdder();
        final LongAdder nanos = new LongAdder();
    }

    private final ConcurrentHashMap<Long, Totals> cells = new ConcurrentHashMap<>();

    private static long key(long offset, Direction direction, int size) {
        return (offset << 5) | ((long) direction.ordinal() << 4) | size;
    }

    public void record(long offset, Direction direction, int size, long nanos) {
        Totals totals = cells.computeIfAbsent(key(offset, direction, size), k -> new Totals());
        totals.count.increment();
        totals.nanos.add(nanos);
    }

    /** A snapshot, ordered by register offset, then direction and size. */
    public Map<Long, Cell> snapshot() {
        Map<Long, Cell> out = new TreeMap<>();
        cells.forEach((key, totals) -> {
            long offset = key >>> 5;
            Direction direction = Direction.values()[(int) ((key >>> 4) & 1)];
            int size = (int) (key & 0xf);
            long count = totals.count.sum();
            out.put(key, new Cell(offset, direction, size, count, count * size, totals.nanos.sum()));
        });
        return out;
    }

    public long total() {
        long sum = 0;
        for (Totals totals : cells.values()) sum += totals.count.sum();
        return sum;
    }

    public void reset() {
        cells.clear();
    }
}
