package dev.jkvm.kvm;

import dev.jkvm.bindings.libc.Libc;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The signal half of a vCPU kick, which works without KVM: a blocked SIGURG must stay pending until drained. */
class KickSignalTest {
    private static final long KICK_BIT = 1L << (KickSignal.SIGNAL - 1);

    @Test
    void aKickStaysPendingUntilDrainedAndNeedsNoHandler() throws Exception {
        CompletableFuture<KickSignal> bound = new CompletableFuture<>();
        CountDownLatch sent = new CountDownLatch(1);
        CompletableFuture<String> outcome = new CompletableFuture<>();
        Thread vcpu = Thread.ofPlatform().name("vcpu-test").start(() -> {
            try {
                KickSignal signal = KickSignal.bindCurrentThread();
                boolean blockedWhileBound = blocked();
                bound.complete(signal);
                sent.await(10, TimeUnit.SECONDS);
                boolean first = signal.drain();
                boolean second = signal.drain();
                signal.unbind();
                outcome.complete(blockedWhileBound + " " + first + " " + second + " " + blocked());
            } catch (Throwable t) {
                outcome.completeExceptionally(t);
            }
        });
        KickSignal signal = bound.get(10, TimeUnit.SECONDS);
        assertEquals(0, signal.kvmRunMask() & KICK_BIT, "KVM_RUN must run with the kick signal open");
        signal.send();
        sent.countDown();
        assertEquals("true true false false", outcome.get(10, TimeUnit.SECONDS),
                "blocked while bound, kick pending once, then unblocked after unbind");
        vcpu.join();
        signal.send();
    }

    @Test
    void refusesVirtualThreads() throws Exception {
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                KickSignal.bindCurrentThread();
                failure.complete(null);
            } catch (Throwable t) {
                failure.complete(t);
            }
        }).join();
        assertTrue(failure.get() instanceof IllegalStateException, String.valueOf(failure.get()));
    }

    @Test
    void drainWithoutAKickReturnsAtOnce() throws Exception {
        CompletableFuture<Boolean> drained = new CompletableFuture<>();
        Thread.ofPlatform().start(() -> {
            KickSignal signal = KickSignal.bindCurrentThread();
            drained.complete(signal.drain());
            signal.unbind();
        }).join();
        assertFalse(drained.get());
    }

    private static boolean blocked() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment current = arena.allocate(Libc.SIGSET_T);
            Libc.pthread_sigmask(ErrnoState.current(), Libc.SIG_BLOCK, MemorySegment.NULL, current);
            return (current.get(ValueLayout.JAVA_LONG, 0) & KICK_BIT) != 0;
        }
    }
}
