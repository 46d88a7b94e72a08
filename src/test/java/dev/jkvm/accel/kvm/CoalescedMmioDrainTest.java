package dev.jkvm.accel.kvm;

import dev.jkvm.kvm.CoalescedMmioRing;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CoalescedMmioDrainTest {
    /** A ring KVM appends to at one end while the drain takes from the other, like the real page. */
    private static final class FakeRing implements CoalescedMmioDrain.Ring {
        final Deque<CoalescedMmioRing.Write> entries = new ArrayDeque<>();

        synchronized void append(long address, long value) {
            entries.add(new CoalescedMmioRing.Write(address, 4, value, false));
        }

        @Override
        public int drain(Consumer<CoalescedMmioRing.Write> sink) {
            int n = 0;
            while (true) {
                CoalescedMmioRing.Write w;
                synchronized (this) {
                    w = entries.peek();
                }
                if (w == null) return n;
                sink.accept(w);
                synchronized (this) {
                    entries.poll();
                }
                n++;
            }
        }
    }

    @Test
    void replaysOldestFirstAndOnlyOnce() {
        FakeRing ring = new FakeRing();
        List<Long> seen = new ArrayList<>();
        CoalescedMmioDrain drain = new CoalescedMmioDrain(w -> seen.add(w.value()));
        drain.attach(ring);
        drain.setActive(true);
        for (int i = 0; i < 5; i++) ring.append(0x2818, i);
        assertEquals(5, drain.drain());
        assertEquals(0, drain.drain());
        ring.append(0x2818, 5);
        assertEquals(1, drain.drain());
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L), seen);
        assertEquals(6, drain.replayed());
    }

    @Test
    void nothingBeforeARingOrAZone() {
        FakeRing ring = new FakeRing();
        ring.append(0, 1);
        CoalescedMmioDrain drain = new CoalescedMmioDrain(w -> { throw new AssertionError("replayed " + w); });
        assertEquals(0, drain.drain());
        drain.attach(ring);
        assertEquals(0, drain.drain(), "no zone registered yet");
    }

    @Test
    void aDrainFromInsideAReplayedWriteIsSkipped() {
        FakeRing ring = new FakeRing();
        List<Long> seen = new ArrayList<>();
        CoalescedMmioDrain[] self = new CoalescedMmioDrain[1];
        self[0] = new CoalescedMmioDrain(w -> {
            seen.add(w.value());
            // The device reacts to the write on the same thread and syncs again, as E1000.offer does.
            assertEquals(0, self[0].drain());
        });
        self[0].attach(ring);
        self[0].setActive(true);
        ring.append(0, 1);
        ring.append(0, 2);
        assertEquals(2, self[0].drain());
        assertEquals(List.of(1L, 2L), seen);
    }

    @Test
    void concurrentDrainsKeepTheOrder() throws InterruptedException {
        FakeRing ring = new FakeRing();
        List<Long> seen = Collections.synchronizedList(new ArrayList<>());
        CoalescedMmioDrain drain = new CoalescedMmioDrain(w -> seen.add(w.value()));
        drain.attach(ring);
        drain.setActive(true);
        int writes = 20_000;
        CountDownLatch done = new CountDownLatch(1);
        Thread producer = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < writes; i++) ring.append(0, i);
            done.countDown();
        });
        List<Thread> drainers = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            drainers.add(Thread.ofPlatform().start(() -> {
                while (done.getCount() > 0) drain.drain();
                drain.drain();
            }));
        }
        producer.join();
        for (Thread t : drainers) t.join();
        drain.drain();
        assertEquals(writes, seen.size());
        for (int i = 0; i < writes; i++) assertEquals(i, seen.get(i));
    }
}
