package dev.jkvm.devices.virtio;

/**
 * The driver broke the virtqueue protocol: a descriptor outside RAM, a loop, a nested indirect
 * table. The device cannot trust the queue any more and asks the driver to reset it.
 */
public final class MalformedQueueException extends Exception {
    public MalformedQueueException(String message) {
        super(message);
    }
}
