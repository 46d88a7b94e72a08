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
import java.util.concurrent.atomic.AtomicLong;

/**
 * A virtio network device (virtio 1.2, 5.1): receive queue 0, transmit queue 1, a fixed MAC, link
 * status and mergeable receive buffers, and transmit offloads: checksum completion (CSUM) and TCP
 * segmentation over IPv4 and IPv6 with ECN (HOST_TSO4/6, HOST_ECN), done here by
 * {@link TransmitOffload} so the backend gets ordinary frames. No receive (GUEST_*) offloads and no
 * control queue are offered, so received frames are complete and their headers carry only
 * num_buffers. A transmitted frame whose header is malformed is dropped and counted
 * ({@link #droppedFrames}).
 *
 * <p>Transmission runs on the thread that processes queue 1; reception on the backend's thread. The
 * two paths have their own locks (transmit before receive, as a loopback backend nests them) and
 * never call the backend while holding the receive lock, which backends call into.
 */
public final class VirtioNet implements VirtioDevice {
    public static final int DEVICE_TYPE = 1;
    public static final int F_CSUM = 0, F_MAC = 5, F_HOST_TSO4 = 11, F_HOST_TSO6 = 12, F_HOST_ECN = 13,
            F_MRG_RXBUF = 15, F_STATUS = 16;
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
    private final AtomicLong droppedFrames = new AtomicLong();

    public VirtioNet(NetBackend backend, byte[] mac) {
        this.backend = Objects.requireNonNull(backend, "backend");
        if (mac.length != 6) throw new IllegalArgumentException("a MAC address has 6 bytes, not " + mac.length);
        this.mac = mac.clone();
        backend.attach(new NetBackend.FrameSink() {
            @Override
            public boolean offer(byte[] frame, int offset, int length) {
                return receive(frame, offset, length);
            }

            @Override
            public void endOfBurst() {
                publishReceived();
            }
        });
    }

    @Override
    public int deviceType() {
        return DEVICE_TYPE;
    }

    @Override
    public long features() {
        return VirtioFeatures.bit(F_CSUM) | VirtioFeatures.bit(F_MAC) | VirtioFeatures.bit(F_HOST_TSO4)
                | VirtioFeatures.bit(F_HOST_TSO6) | VirtioFeatures.bit(F_HOST_ECN) | VirtioFeatures.bit(F_MRG_RXBUF)
                | VirtioFeatures.bit(F_STATUS);
    }

    /** The dependencies of 5.1.3.1: segmentation needs checksum offload, ECN needs segmentation. */
    @Override
    public boolean acceptsFeatures(long features) {
        boolean csum = VirtioFeatures.has(features, F_CSUM);
        boolean tso = VirtioFeatures.has(features, F_HOST_TSO4) || VirtioFeatures.has(features, F_HOST_TSO6);
        return (csum || !tso) && (tso || !VirtioFeatures.has(features, F_HOST_ECN));
    }

    /** Transmitted frames dropped for a chain too short or too long or a header that is malformed or not negotiated. */
    public long droppedFrames() {
        return droppedFrames.get();
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
                    send(chain.readable(), current.features());
                    queue.addUsed(chain.head(), 0);
                    current.publishUsed(queue);
                }
            } catch (MalformedQueueException e) {
                current.fail(e);
            }
        }
    }

    /**
     * Strips the header and does what it asks; a chain too short or too long for a frame is dropped,
     * as is anything while the link is down.
     */
    private void send(GuestBuffers packet, long features) {
        if (!linkUp) return;
        long length = packet.length() - NetHeader.SIZE;
        if (length <= 0 || length > MAX_FRAME) {
            droppedFrames.incrementAndGet();
            return;
        }
        byte[] header = new byte[NetHeader.SIZE];
        packet.read(0, header, 0, header.length);
        byte[] frame = new byte[(int) length];
        packet.read(NetHeader.SIZE, frame, 0, frame.length);
        if (!TransmitOffload.transmit(NetHeader.parse(header), frame, features, (f, n) -> backend.send(f, 0, n))) {
            droppedFrames.incrementAndGet();
        }
    }

    /** Frames written to receive buffers but not yet published to the driver (bursting backends only). */
    private boolean receivedUnpublished;

    private boolean receive(byte[] frame, int offset, int length) {
        synchronized (receiveLock) {
            Activation current = activation;
            if (current == null || current.failed()) return false;
            // Without carrier, or too large for any receiver, the frame is lost on the wire.
            if (!linkUp || length > MAX_FRAME) return true;
            try {
                boolean delivered = ReceiveQueue.deliver(current, current.queue(RX_QUEUE), frame, offset, length);
                // A bursting backend gets one used-ring update and interrupt per burst.
                if (delivered && backend.deliversInBursts()) receivedUnpublished = true;
                else if (delivered) current.publishUsed(current.queue(RX_QUEUE));
                return delivered;
            } catch (MalformedQueueException e) {
                current.fail(e);
                return false;
            }
        }
    }

    private void publishReceived() {
        synchronized (receiveLock) {
            Activation current = activation;
            if (!receivedUnpublished || current == null || current.failed()) return;
            receivedUnpublished = false;
            current.publishUsed(current.queue(RX_QUEUE));
        }
    }
}
