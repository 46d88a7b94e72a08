package dev.jkvm.devices.virtio;

import java.util.List;

/**
 * What a device works with once the driver set DRIVER_OK: the negotiated features, the queues and
 * the way back to the driver. It lives until the next reset.
 */
public final class Activation {
    private final long features;
    private final List<Virtqueue> queues;
    private final VirtioInterrupts interrupts;
    private final Runnable needsReset;
    private volatile MalformedQueueException failure;

    Activation(long features, List<Virtqueue> queues, VirtioInterrupts interrupts, Runnable needsReset) {
        this.features = features;
        this.queues = List.copyOf(queues);
        this.interrupts = interrupts;
        this.needsReset = needsReset;
    }

    public long features() {
        return features;
    }

    public boolean hasFeature(int feature) {
        return VirtioFeatures.has(features, feature);
    }

    public Virtqueue queue(int index) {
        return queues.get(index);
    }

    /** Publishes the used entries added to the queue and notifies the driver if it wants that. */
    public void publishUsed(Virtqueue queue) {
        if (queue.publishUsed()) interrupts.usedBuffers(queue.index());
    }

    public void configChanged() {
        interrupts.configChanged();
    }

    /** The driver broke a queue: stop processing and ask it to reset the device (DEVICE_NEEDS_RESET). */
    public void fail(MalformedQueueException cause) {
        if (failure != null) return;
        failure = cause;
        needsReset.run();
    }

    /** True after {@link #fail}: the device ignores its queues until the driver resets it. */
    public boolean failed() {
        return failure != null;
    }

    /** Why the device failed, for diagnostics; null while it works. */
    public MalformedQueueException failure() {
        return failure;
    }
}
