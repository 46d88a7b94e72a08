package dev.jkvm.devices.virtio;

import dev.jkvm.devices.memory.GuestMemory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The transport-independent half of a virtio transport (virtio 1.2, 3.1): feature negotiation, the
 * device status state machine, the queues and reset. A transport maps its registers onto this.
 *
 * <p>Status: the driver only ever adds bits; writing 0 resets. FEATURES_OK sticks only if the
 * driver's features are a subset of the offer, include VERSION_1 (this is a modern-only
 * device) and satisfy the device's dependencies ({@link VirtioDevice#acceptsFeatures}); DRIVER_OK needs FEATURES_OK and hands the queues to the device. Features can change
 * only between DRIVER and FEATURES_OK. DEVICE_NEEDS_RESET is the device's to set.
 *
 * <p>Lock order: this, then the device, then a queue, then the transport's interrupt state.
 */
public final class VirtioControl {
    private final VirtioDevice device;
    private final VirtioInterrupts interrupts;
    private final List<Virtqueue> queues = new ArrayList<>();
    private final AtomicInteger configGeneration = new AtomicInteger();
    /** Set from processing threads, which must not take this object's lock. */
    private volatile boolean needsReset;
    private long driverFeatures;
    private int status;

    public VirtioControl(VirtioDevice device, GuestMemory memory, VirtioInterrupts interrupts) {
        this.device = Objects.requireNonNull(device, "device");
        this.interrupts = Objects.requireNonNull(interrupts, "interrupts");
        Objects.requireNonNull(memory, "memory");
        for (int i = 0; i < device.queueCount(); i++) queues.add(new Virtqueue(i, memory));
    }

    public VirtioDevice device() {
        return device;
    }

    public long offeredFeatures() {
        return device.features() | VirtioFeatures.COMMON;
    }

    /** 32 bits of the offer; select 0 is bits 0-31, 1 is bits 32-63, higher selects read 0. */
    public int offeredFeatures(int select) {
        return featureWord(offeredFeatures(), select);
    }

    public synchronized int driverFeatures(int select) {
        return featureWord(driverFeatures, select);
    }

    public synchronized long driverFeatures() {
        return driverFeatures;
    }

    public synchronized void writeDriverFeatures(int select, int value) {
        if (select < 0 || select > 1 || (status & DeviceStatus.DRIVER) == 0 || (status & DeviceStatus.FEATURES_OK) != 0) return;
        int shift = 32 * select;
        driverFeatures = driverFeatures & ~(0xffffffffL << shift) | (value & 0xffffffffL) << shift;
    }

    private static int featureWord(long features, int select) {
        return select == 0 || select == 1 ? (int) (features >>> (32 * select)) : 0;
    }

    public synchronized int status() {
        return status | (needsReset ? DeviceStatus.DEVICE_NEEDS_RESET : 0);
    }

    public synchronized void writeStatus(int value) {
        value &= 0xff;
        if (value == 0) {
            reset();
            return;
        }
        int added = value & ~status & ~DeviceStatus.DEVICE_NEEDS_RESET;
        if ((added & DeviceStatus.FEATURES_OK) != 0 && !featuresAcceptable()) added &= ~DeviceStatus.FEATURES_OK;
        if ((added & DeviceStatus.DRIVER_OK) != 0 && ((status | added) & DeviceStatus.FEATURES_OK) == 0) {
            added &= ~DeviceStatus.DRIVER_OK;
        }
        status |= added;
        if ((added & DeviceStatus.DRIVER_OK) != 0) activate();
    }

    private boolean featuresAcceptable() {
        return (driverFeatures & ~offeredFeatures()) == 0 && VirtioFeatures.has(driverFeatures, VirtioFeatures.VERSION_1)
                && device.acceptsFeatures(driverFeatures);
    }

    private void activate() {
        for (Virtqueue queue : queues) queue.setFeatures(driverFeatures);
        device.activate(new Activation(driverFeatures, queues, new ConfigCountingInterrupts(), this::deviceNeedsReset));
    }

    /** The driver wrote 0 to the status: stop the device, forget the negotiation and the queues. */
    public synchronized void reset() {
        device.reset();
        for (Virtqueue queue : queues) queue.reset();
        driverFeatures = 0;
        status = 0;
        needsReset = false;
    }

    private void deviceNeedsReset() {
        needsReset = true;
        interrupts.configChanged();
    }

    public int queueCount() {
        return queues.size();
    }

    public Virtqueue queue(int index) {
        return queues.get(index);
    }

    /** Runs a queue's work on the calling thread; ignores queues the device does not have. */
    public void processQueue(int index) {
        if (index >= 0 && index < queues.size()) device.processQueue(index);
    }

    /** Changes whenever the device configuration did, so the driver can read it consistently. */
    public int configGeneration() {
        return configGeneration.get() & 0xff;
    }

    public int configSize() {
        return device.config().length;
    }

    /** A little-endian read of the device configuration; bytes past its end read 0. */
    public long readConfig(int offset, int size) {
        byte[] config = device.config();
        long value = 0;
        for (int i = 0; i < size; i++) {
            int at = offset + i;
            if (at >= 0 && at < config.length) value |= (long) (config[at] & 0xff) << (8 * i);
        }
        return value;
    }

    public void writeConfig(int offset, int size, long value) {
        if (offset >= 0 && offset + size <= configSize()) device.writeConfig(offset, size, value);
    }

    private final class ConfigCountingInterrupts implements VirtioInterrupts {
        @Override
        public void usedBuffers(int queue) {
            interrupts.usedBuffers(queue);
        }

        @Override
        public void configChanged() {
            configGeneration.incrementAndGet();
            interrupts.configChanged();
        }
    }
}
