package dev.jkvm.devices.virtio.pci;

import dev.jkvm.devices.virtio.VirtioControl;
import dev.jkvm.devices.virtio.Virtqueue;

/**
 * The common configuration structure (struct virtio_pci_common_cfg, virtio 1.2, 4.1.4.3): feature
 * windows, MSI-X vector assignment, the device status and the selected queue's setup. Fields are
 * accessed at their own width, the 64-bit queue addresses also as two dwords; other accesses read
 * 0 and writes are dropped. Queue fields of a queue the device lacks read 0.
 */
final class CommonConfig {
    static final int LENGTH = 0x38;

    private static final int DEVICE_FEATURE_SELECT = 0x00, DEVICE_FEATURE = 0x04, DRIVER_FEATURE_SELECT = 0x08,
            DRIVER_FEATURE = 0x0c, CONFIG_MSIX_VECTOR = 0x10, NUM_QUEUES = 0x12, DEVICE_STATUS = 0x14,
            CONFIG_GENERATION = 0x15, QUEUE_SELECT = 0x16, QUEUE_SIZE = 0x18, QUEUE_MSIX_VECTOR = 0x1a,
            QUEUE_ENABLE = 0x1c, QUEUE_NOTIFY_OFF = 0x1e, QUEUE_DESC = 0x20, QUEUE_DRIVER = 0x28, QUEUE_DEVICE = 0x30;

    private final VirtioControl control;
    private final VirtioPciInterrupts interrupts;
    private int deviceFeatureSelect;
    private int driverFeatureSelect;
    private int queueSelect;

    CommonConfig(VirtioControl control, VirtioPciInterrupts interrupts) {
        this.control = control;
        this.interrupts = interrupts;
    }

    synchronized long read(int offset, int size) {
        if (isAddressPart(offset, size)) return readQueueAddress(offset, size);
        return fieldWidth(offset) == size ? readField(offset) & mask(size) : 0;
    }

    synchronized void write(int offset, int size, long value) {
        if (isAddressPart(offset, size)) {
            writeQueueAddress(offset, size, value);
        } else if (fieldWidth(offset) == size) {
            writeField(offset, (int) value);
        }
    }

    /** The width of the 8/16/32-bit field at offset, or 0 if none starts there. */
    private static int fieldWidth(int offset) {
        return switch (offset) {
            case DEVICE_FEATURE_SELECT, DEVICE_FEATURE, DRIVER_FEATURE_SELECT, DRIVER_FEATURE -> 4;
            case CONFIG_MSIX_VECTOR, NUM_QUEUES, QUEUE_SELECT, QUEUE_SIZE, QUEUE_MSIX_VECTOR, QUEUE_ENABLE, QUEUE_NOTIFY_OFF -> 2;
            case DEVICE_STATUS, CONFIG_GENERATION -> 1;
            default -> 0;
        };
    }

    private long readField(int offset) {
        Virtqueue queue = selectedQueue();
        return switch (offset) {
            case DEVICE_FEATURE_SELECT -> deviceFeatureSelect;
            case DEVICE_FEATURE -> control.offeredFeatures(deviceFeatureSelect);
            case DRIVER_FEATURE_SELECT -> driverFeatureSelect;
            case DRIVER_FEATURE -> control.driverFeatures(driverFeatureSelect);
            case CONFIG_MSIX_VECTOR -> interrupts.configVector();
            case NUM_QUEUES -> control.queueCount();
            case DEVICE_STATUS -> control.status();
            case CONFIG_GENERATION -> control.configGeneration();
            case QUEUE_SELECT -> queueSelect;
            case QUEUE_SIZE -> queue == null ? 0 : queue.size();
            case QUEUE_MSIX_VECTOR -> queue == null ? VirtioPciInterrupts.NO_VECTOR : interrupts.queueVector(queueSelect);
            case QUEUE_ENABLE -> queue != null && queue.enabled() ? 1 : 0;
            case QUEUE_NOTIFY_OFF -> queue == null ? 0 : queueSelect;
            default -> 0;
        };
    }

    private void writeField(int offset, int value) {
        Virtqueue queue = selectedQueue();
        switch (offset) {
            case DEVICE_FEATURE_SELECT -> deviceFeatureSelect = value;
            case DRIVER_FEATURE_SELECT -> driverFeatureSelect = value;
            case DRIVER_FEATURE -> control.writeDriverFeatures(driverFeatureSelect, value);
            case CONFIG_MSIX_VECTOR -> interrupts.setConfigVector(value & 0xffff);
            case DEVICE_STATUS -> writeStatus(value & 0xff);
            case QUEUE_SELECT -> queueSelect = value & 0xffff;
            case QUEUE_SIZE -> {
                if (queue != null) queue.setSize(value & 0xffff);
            }
            case QUEUE_MSIX_VECTOR -> {
                if (queue != null) interrupts.setQueueVector(queueSelect, value & 0xffff);
            }
            // Only 1 means something: without VIRTIO_F_RING_RESET a driver cannot disable a queue.
            case QUEUE_ENABLE -> {
                if (queue != null && (value & 0xffff) == 1) queue.enable();
            }
            default -> { } // read-only
        }
    }

    private void writeStatus(int value) {
        control.writeStatus(value);
        if (value == 0) {
            interrupts.reset();
            queueSelect = 0;
            deviceFeatureSelect = 0;
            driverFeatureSelect = 0;
        }
    }

    private Virtqueue selectedQueue() {
        return queueSelect < control.queueCount() ? control.queue(queueSelect) : null;
    }

    private static boolean isAddressPart(int offset, int size) {
        if (offset < QUEUE_DESC || offset >= QUEUE_DEVICE + 8) return false;
        int within = (offset - QUEUE_DESC) % 8;
        return size == 8 ? within == 0 : size == 4 && (within == 0 || within == 4);
    }

    private long readQueueAddress(int offset, int size) {
        Virtqueue queue = selectedQueue();
        if (queue == null) return 0;
        long address = switch ((offset - QUEUE_DESC) / 8) {
            case 0 -> queue.descriptorTable();
            case 1 -> queue.availRing();
            default -> queue.usedRing();
        };
        return size == 8 ? address : address >>> (8 * ((offset - QUEUE_DESC) % 8)) & 0xffffffffL;
    }

    private void writeQueueAddress(int offset, int size, long value) {
        Virtqueue queue = selectedQueue();
        if (queue == null) return;
        long current = readQueueAddress(offset & ~7, 8);
        long address = switch (size == 8 ? -1 : (offset - QUEUE_DESC) % 8) {
            case -1 -> value;
            case 0 -> current & ~0xffffffffL | value & 0xffffffffL;
            default -> current & 0xffffffffL | value << 32;
        };
        switch ((offset - QUEUE_DESC) / 8) {
            case 0 -> queue.setDescriptorTable(address);
            case 1 -> queue.setAvailRing(address);
            default -> queue.setUsedRing(address);
        }
    }

    private static long mask(int size) {
        return (1L << (8 * size)) - 1;
    }
}
