package dev.jkvm.kvm;

import dev.jkvm.bindings.libc.Libc;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Interrupts one vCPU thread's KVM_RUN with a thread-directed SIGURG, without any signal handler.
 *
 * <p>Why this works and is safe for a JVM:
 * <ul>
 * <li>The bound thread blocks SIGURG, and the vCPU gets a KVM_SET_SIGNAL_MASK that unblocks it, so
 *     it is deliverable only inside KVM_RUN. A SIGURG sent meanwhile stays pending, and KVM_RUN
 *     returns -EINTR as soon as it is entered or while the guest runs: kicks cannot be lost.</li>
 * <li>No handler is needed: the kernel never discards a signal that is blocked, including in the
 *     mask KVM_RUN saved aside (sig_ignored checks blocked and real_blocked), even with the default
 *     disposition. A Java upcall as a signal handler would run JVM code in signal context, which
 *     is not async-signal-safe, so none is installed.</li>
 * <li>SIGURG's default action is to ignore it, and the JVM does not use it: a stray or late kick
 *     (say, to a reused thread id) does nothing, whereas SIGUSR2 is HotSpot's suspend signal and
 *     real-time signals kill the process by default.</li>
 * <li>The pending signal is consumed with sigtimedwait right after KVM_RUN returns, while it is
 *     still blocked, so it is never delivered to the JVM.</li>
 * <li>tgkill with the kernel thread id is used instead of pthread_kill, which is undefined once
 *     the thread has exited; a dead id just fails with ESRCH.</li>
 * </ul>
 */
final class KickSignal {
    static final int SIGNAL = Libc.SIGURG;

    private final Thread thread;
    private final int pid;
    private final int tid;
    private final boolean blockedBefore;
    private final long maskBefore;
    private final MemorySegment signalSet;
    private final MemorySegment noWait;
    private boolean unbound;

    private KickSignal(Thread thread, int pid, int tid, boolean blockedBefore, long maskBefore,
                       MemorySegment signalSet, MemorySegment noWait) {
        this.thread = thread;
        this.pid = pid;
        this.tid = tid;
        this.blockedBefore = blockedBefore;
        this.maskBefore = maskBefore;
        this.signalSet = signalSet;
        this.noWait = noWait;
    }

    /** Blocks the kick signal in the calling thread, which must be a platform thread, and binds to it. */
    static KickSignal bindCurrentThread() {
        Thread current = Thread.currentThread();
        if (current.isVirtual()) {
            throw new IllegalStateException("a vCPU must run on a platform thread: kicks signal its native thread");
        }
        Arena arena = Arena.ofAuto();
        MemorySegment errno = ErrnoState.current();
        MemorySegment set = arena.allocate(Libc.SIGSET_T);
        Libc.sigemptyset(errno, set);
        Libc.sigaddset(errno, set, SIGNAL);
        MemorySegment old = arena.allocate(Libc.SIGSET_T);
        sigmask(Libc.SIG_BLOCK, set, old);
        // The kernel's sigset is the first 64 bits of glibc's: bit (signal - 1) per signal.
        long maskBefore = old.get(ValueLayout.JAVA_LONG, 0);
        boolean blockedBefore = (maskBefore & bit()) != 0;
        MemorySegment noWait = arena.allocate(Libc.TIMESPEC);
        return new KickSignal(current, Libc.getpid(errno), Libc.gettid(errno), blockedBefore, maskBefore, set, noWait);
    }

    /** The kernel signal mask KVM_RUN should use: the thread's mask before binding, with the kick signal open. */
    long kvmRunMask() {
        return maskBefore & ~bit();
    }

    boolean isBoundTo(Thread candidate) {
        return thread == candidate;
    }

    /** Sends the kick from any thread; does nothing once unbound or after the thread ended. */
    synchronized void send() {
        if (unbound || !thread.isAlive()) return;
        MemorySegment errno = ErrnoState.current();
        if (Libc.tgkill(errno, pid, tid, SIGNAL) != 0 && Libc.errno(errno) != Libc.ESRCH) {
            throw new KvmException("tgkill of vCPU thread " + tid, Libc.errno(errno));
        }
    }

    /** On the bound thread: discards a pending kick. Returns whether one was pending. */
    boolean drain() {
        MemorySegment errno = ErrnoState.current();
        while (true) {
            if (Libc.sigtimedwait(errno, signalSet, MemorySegment.NULL, noWait) == SIGNAL) return true;
            if (Libc.errno(errno) != Libc.EINTR) return false;
        }
    }

    /** Stops kicks; on the bound thread also drains and unblocks the signal again. */
    synchronized void unbind() {
        if (unbound) return;
        unbound = true;
        if (Thread.currentThread() != thread) return;
        drain();
        if (!blockedBefore) sigmask(Libc.SIG_UNBLOCK, signalSet, MemorySegment.NULL);
    }

    private static long bit() {
        return 1L << (SIGNAL - 1);
    }

    private static void sigmask(int how, MemorySegment set, MemorySegment old) {
        int error = Libc.pthread_sigmask(ErrnoState.current(), how, set, old);
        if (error != 0) throw new KvmException("pthread_sigmask", error);
    }
}
