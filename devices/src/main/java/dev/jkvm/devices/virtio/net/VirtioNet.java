package dev.jkvm.devices.virtio.net;

import dev.jkvm.devices.net.NetBackend;
import dev.jkvm.devices.virtio.Activation;
import dev.jkvm.devices.virtio.DescriptorChain;
import dev.jkvm.devices.virtio.GuestBuffers;
import dev.jkvm.devices.virtio.MalformedQueueException;
import dev.jkvm.devices.virtio.VirtioDevice;
import dev.jkvm.devices.virtio.VirtioFeatures;
import dev.jkvm.devices.virtio.Virtqueue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * A virtio network device (virtio 1.2, 5.1): receive queue 0, transmit queue 1, a fixed MAC, link
 * status and mergeable receive buffers. No checksum or segmentation offloads and no control queue
 * are offered, so every frame is complete and the headers carry nothing else.
 *
 * <p>Transmission runs on the thread that processes queue 1; reception on the backend's thread. The
 * two paths have their own locks (transmit before receive, as a loopback backend nests them) and
 * never call the backend while holding the receive lock, which backends call into.
 */
public final class VirtioNet implements VirtioDevice {
    public static final int DEVICE_TYPE = 1;
    public static final int F_MAC = 5, F_MRG_RXBUF = 15, F_STATUS = 16;
    public static final int RX_QUEUE = 0, TX_QUEUE = 1;
    static final int S_LINK_UP = 1;
    /** An Ethernet header with a VLAN tag and the largest IP packet. */
    static final int MAX_FRAME = 18 + 65535;
    private static final int CONFIG_SIZE = 10;

    private final NetBackend backend;
    private final byte[] mac;
    private final Object transmitLock = new Object();
    private final Object receiveLock = new Object();
    private volatile Activation activation;
    private volatile boolean linkUp = true;

    public VirtioNet(NetBackend backend, byte[] mac) {
        this.backend = Objects.requireNonNull(backend, "backend");
        if (mac.length != 6) throw new IllegalArgumentException("a MAC address has 6 bytes, not " + mac.length);
        this.mac = mac.clone();
        backend.attach(this::receive);
    }

    @Override
    public int deviceType() {
        return DEVICE_TYPE;
    }

    @Override
    public long features() {
        return VirtioFeatures.bit(F_MAC) | VirtioFeatures.bit(F_MRG_RXBUF) | VirtioFeatures.bit(F_STATUS);
    }

    @Override
    public int queueCount() {
        return 2;
    }

    /** struct virtio_net_config: mac, status, max_virtqueue_pairs (read only with MQ, which is not offered). */
    @Override
    public byte[] config() {
        ByteBuffer config = ByteBuffer.allocate(CONFIG_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        config.put(0, mac);
        config.putShort(6, (short) (linkUp ? S_LINK_UP : 0));
        config.putShort(8, (short) 1);
        return config.array();
    }

    /** The cable: while down nothing is sent or received, and the driver hears of each change. */
    public void setLinkUp(boolean up) {
        if (linkUp == up) return;
        linkUp = up;
        Activation current = activation;
        if (current != null && current.hasFeature(F_STATUS)) current.configChanged();
    }

    @Override
    public void activate(Activation activation) {
        synchronized (transmitLock) {
            synchronized (receiveLock) {
                this.activation = activation;
            }
        }
    }

    @Override
    public void reset() {
        synchronized (transmitLock) {
            synchronized (receiveLock) {
                activation = null;
            }
        }
    }

    @Override
    public void processQueue(int queue) {
        Activation current = activation;
        if (current == null || current.failed()) return;
        if (queue == TX_QUEUE) {
            transmit();
        } else if (queue == RX_QUEUE) {
            // The driver posted receive buffers: the backend may offer what it held back.
            backend.receiveRoomAvailable();
        }
    }

    private void transmit() {
        synchronized (transmitLock) {
            Activation current = activation;
            if (current == null || current.failed()) return;
            Virtqueue queue = current.queue(TX_QUEUE);
            try {
                DescriptorChain chain;
                while ((chain = queue.pop()) != null) {
                    send(chain.readable());
                    queue.addUsed(chain.head(), 0);
                    current.publishUsed(queue);
                }
            } catch (MalformedQueueException e) {
                current.fail(e);
            }
        }
    }

    /** Strips the header; a chain too short or too long for a frame is dropped, as is anything while the link is down. */
    private void send(GuestBuffers packet) {
        long length = packet.length() - NetHeader.SIZE;
        if (!linkUp || length <= 0 || length > MAX_FRAME) return;
        byte[] frame = new byte[(int) length];
        packet.read(NetHeader.SIZE, frame, 0, frame.length);
        backend.send(frame, 0, frame.length);
    }

    private boolean receive(byte[] frame, int offset, int length) {
        synchronized (receiveLock) {
            Activation current = activation;
            if (current == null || current.failed()) return false;
            // Without carrier, or too large for any receiver, the frame is lost on the wire.
            if (!linkUp || length > MAX_FRAME) return true;
            try {
                return ReceiveQueue.deliver(current, current.queue(RX_QUEUE), frame, offset, length);
            } catch (MalformedQueueException e) {
                current.fail(e);
                return false;
            }
        }
    }
}
