package dev.jkvm.devices.virtio.pci;

import dev.jkvm.devices.virtio.Activation;
import dev.jkvm.devices.virtio.DescriptorChain;
import dev.jkvm.devices.virtio.MalformedQueueException;
import dev.jkvm.devices.virtio.VirtioDevice;
import dev.jkvm.devices.virtio.VirtioFeatures;
import dev.jkvm.devices.virtio.Virtqueue;

/**
 * A minimal device for transport tests (type 0x3f): two queues that copy each chain's readable
 * bytes into its writable bytes, a 4-byte configuration the driver can write, and a feature bit 0.
 */
final class EchoDevice implements VirtioDevice {
    static final int TYPE = 0x3f;
    static final int F_ECHO = 0;

    private final byte[] config = {1, 2, 3, 4};
    private Activation activation;
    private int resets;

    @Override
    public int deviceType() {
        return TYPE;
    }

    @Override
    public long features() {
        return VirtioFeatures.bit(F_ECHO);
    }

    @Override
    public int queueCount() {
        return 2;
    }

    @Override
    public synchronized byte[] config() {
        return config.clone();
    }

    @Override
    public synchronized void writeConfig(int offset, int size, long value) {
        for (int i = 0; i < size; i++) config[offset + i] = (byte) (value >>> (8 * i));
    }

    synchronized void changeConfig(byte first) {
        config[0] = first;
        if (activation != null) activation.configChanged();
    }

    @Override
    public synchronized void activate(Activation activation) {
        this.activation = activation;
    }

    synchronized Activation activation() {
        return activation;
    }

    synchronized int resets() {
        return resets;
    }

    @Override
    public synchronized void processQueue(int queue) {
        if (activation == null || activation.failed()) return;
        Virtqueue q = activation.queue(queue);
        try {
            DescriptorChain chain;
            while ((chain = q.pop()) != null) {
                int n = (int) Math.min(chain.readable().length(), chain.writable().length());
                byte[] bytes = new byte[n];
                chain.readable().read(0, bytes, 0, n);
                chain.writable().write(0, bytes, 0, n);
                q.addUsed(chain.head(), n);
            }
        } catch (MalformedQueueException e) {
            activation.fail(e);
        }
        activation.publishUsed(q);
    }

    @Override
    public synchronized void reset() {
        activation = null;
        resets++;
    }
}
