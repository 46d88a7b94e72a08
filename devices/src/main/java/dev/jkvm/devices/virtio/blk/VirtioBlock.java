package dev.jkvm.devices.virtio.blk;

import dev.jkvm.devices.block.BlockBackend;
import dev.jkvm.devices.virtio.Activation;
import dev.jkvm.devices.virtio.DescriptorChain;
import dev.jkvm.devices.virtio.MalformedQueueException;
import dev.jkvm.devices.virtio.VirtioDevice;
import dev.jkvm.devices.virtio.VirtioFeatures;
import dev.jkvm.devices.virtio.Virtqueue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * A virtio block device (virtio 1.2, 5.2) with one request queue over a {@link BlockBackend}:
 * 512-byte blocks, FLUSH, GET_ID, DISCARD and WRITE_ZEROES, read-only when the backend is. I/O is
 * synchronous on the thread that processes the queue.
 */
public final class VirtioBlock implements VirtioDevice {
    public static final int DEVICE_TYPE = 2;
    public static final int F_SIZE_MAX = 1, F_SEG_MAX = 2, F_RO = 5, F_BLK_SIZE = 6, F_FLUSH = 9, F_DISCARD = 13,
            F_WRITE_ZEROES = 14;

    /** Advertised limits; the device also serves requests beyond them. */
    static final int SIZE_MAX = 1 << 20;
    static final int SEG_MAX = Virtqueue.MAX_SIZE - 2;
    static final int CONFIG_SIZE = 60;

    private final BlockBackend backend;
    private final BlockRequests requests;
    private Activation activation;

    public VirtioBlock(BlockBackend backend) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.requests = new BlockRequests(backend);
    }

    @Override
    public int deviceType() {
        return DEVICE_TYPE;
    }

    @Override
    public long features() {
        long features = VirtioFeatures.bit(F_SIZE_MAX) | VirtioFeatures.bit(F_SEG_MAX) | VirtioFeatures.bit(F_BLK_SIZE)
                | VirtioFeatures.bit(F_FLUSH) | VirtioFeatures.bit(F_DISCARD) | VirtioFeatures.bit(F_WRITE_ZEROES);
        return backend.readOnly() ? features | VirtioFeatures.bit(F_RO) : features;
    }

    @Override
    public int queueCount() {
        return 1;
    }

    /** struct virtio_blk_config up to write_zeroes_may_unmap; geometry and topology are not offered. */
    @Override
    public byte[] config() {
        ByteBuffer config = ByteBuffer.allocate(CONFIG_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        config.putLong(0, requests.capacitySectors());
        config.putInt(8, SIZE_MAX);
        config.putInt(12, SEG_MAX);
        config.putInt(20, BlockBackend.SECTOR);
        config.putInt(36, BlockRequests.MAX_RANGE_SECTORS); // max_discard_sectors
        config.putInt(40, BlockRequests.MAX_RANGES); // max_discard_seg
        config.putInt(44, 1); // discard_sector_alignment
        config.putInt(48, BlockRequests.MAX_RANGE_SECTORS); // max_write_zeroes_sectors
        config.putInt(52, BlockRequests.MAX_RANGES); // max_write_zeroes_seg
        return config.array();
    }

    @Override
    public synchronized void activate(Activation activation) {
        this.activation = activation;
    }

    @Override
    public synchronized void processQueue(int queue) {
        if (activation == null || activation.failed() || queue != 0) return;
        Virtqueue requestQueue = activation.queue(0);
        try {
            DescriptorChain chain;
            while ((chain = requestQueue.pop()) != null) {
                requestQueue.addUsed(chain.head(), requests.execute(chain, activation.features()));
                activation.publishUsed(requestQueue);
            }
        } catch (MalformedQueueException e) {
            activation.fail(e);
        }
    }

    @Override
    public synchronized void reset() {
        activation = null;
    }
}
