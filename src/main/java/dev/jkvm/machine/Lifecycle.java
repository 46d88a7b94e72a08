package dev.jkvm.machine;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/** The VM's run state: the first stop request wins; everyone waiting or running is told. */
public final class Lifecycle {
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final List<Runnable> onStop = new CopyOnWriteArrayList<>();
    private volatile StopReason reason;

    public void requestStop(StopReason why) {
        synchronized (this) {
            if (reason != null) return;
            reason = why;
        }
        onStop.forEach(Runnable::run);
        stopped.countDown();
    }

    public boolean stopping() {
        return reason != null;
    }

    public StopReason reason() {
        return reason;
    }

    /** Runs when the VM stops (for example, kicks the vCPUs out of guest mode). */
    public void onStop(Runnable action) {
        onStop.add(action);
        if (stopping()) action.run();
    }

    public StopReason awaitStop() throws InterruptedException {
        stopped.await();
        return reason;
    }
}
