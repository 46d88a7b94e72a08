package dev.jkvm.devices.time;

import java.util.PriorityQueue;

/** Timers ordered by deadline. Callbacks run outside the queue's lock so they may re-arm. */
final class TimerQueue {
    private final PriorityQueue<Entry> queue = new PriorityQueue<>((a, b) -> Long.compare(a.deadline, b.deadline));
    private long sequence;

    final class Entry implements DeviceTimer {
        final String name;
        final Runnable callback;
        long deadline;
        long armedSequence = -1;

        Entry(String name, Runnable callback) {
            this.name = name;
            this.callback = callback;
        }

        @Override
        public void armAt(long deadlineNanos) {
            synchronized (TimerQueue.this) {
                queue.remove(this);
                deadline = deadlineNanos;
                armedSequence = sequence++;
                queue.add(this);
                TimerQueue.this.notifyAll();
            }
        }

        @Override
        public void cancel() {
            synchronized (TimerQueue.this) {
                queue.remove(this);
                armedSequence = -1;
            }
        }

        @Override
        public boolean armed() {
            synchronized (TimerQueue.this) {
                return armedSequence >= 0;
            }
        }
    }

    DeviceTimer newTimer(String name, Runnable callback) {
        return new Entry(name, callback);
    }

    /** The earliest deadline, or Long.MAX_VALUE when nothing is armed. */
    synchronized long nextDeadline() {
        Entry head = queue.peek();
        return head == null ? Long.MAX_VALUE : head.deadline;
    }

    /** Runs every timer whose deadline is at or before now; returns how many ran. */
    int runExpired(long now) {
        int ran = 0;
        while (true) {
            Entry due;
            synchronized (this) {
                due = queue.peek();
                if (due == null || due.deadline > now) return ran;
                queue.poll();
                due.armedSequence = -1;
            }
            due.callback.run();
            ran++;
        }
    }

    synchronized void awaitChange(long timeoutNanos) throws InterruptedException {
        if (timeoutNanos <= 0) return;
        wait(timeoutNanos / 1_000_000, (int) (timeoutNanos % 1_000_000));
    }
}
