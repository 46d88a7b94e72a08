package dev.jkvm.devices.virtio.pci;

import dev.jkvm.devices.irq.MsiSink;

import java.util.ArrayList;
import java.util.List;

/** The messages a device signalled, in order. */
public final class RecordingMsiSink implements MsiSink {
    /** One message-signalled interrupt. */
    public record Message(long address, int data) {}

    private final List<Message> messages = new ArrayList<>();

    @Override
    public synchronized void signal(long address, int data) {
        messages.add(new Message(address, data));
    }

    /** The messages since the last call. */
    public synchronized List<Message> take() {
        List<Message> taken = List.copyOf(messages);
        messages.clear();
        return taken;
    }
}
