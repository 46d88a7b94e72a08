package dev.jkvm.devices.virtio.pci;

import dev.jkvm.devices.bus.BusDevice;
import dev.jkvm.devices.virtio.VirtioControl;

/**
 * The memory BAR the virtio capabilities point into, one 4 KiB page per structure so each can be
 * trapped or mapped on its own: common configuration, ISR status, device configuration and the
 * notification area. Accesses outside a structure read 0 and writes are dropped.
 *
 * <p>Each queue has its own 4-byte notification slot (notify_off_multiplier 4, queue_notify_off =
 * queue index), so the address alone names the queue and an ioeventfd can be bound per queue
 * without matching the written value. A write there processes the queue on the writing thread.
 */
final class ModernBar implements BusDevice {
    static final int SIZE = 0x4000;
    static final int COMMON_OFFSET = 0x0000, ISR_OFFSET = 0x1000, DEVICE_OFFSET = 0x2000, NOTIFY_OFFSET = 0x3000;
    static final int REGION_SIZE = 0x1000;
    static final int NOTIFY_OFF_MULTIPLIER = 4;

    private final CommonConfig common;
    private final VirtioPciInterrupts interrupts;
    private final VirtioControl control;

    ModernBar(CommonConfig common, VirtioPciInterrupts interrupts, VirtioControl control) {
        this.common = common;
        this.interrupts = interrupts;
        this.control = control;
    }

    static int notifyOffset(int queue) {
        return NOTIFY_OFFSET + NOTIFY_OFF_MULTIPLIER * queue;
    }

    @Override
    public long read(long offset, int size) {
        int within = (int) (offset % REGION_SIZE);
        return switch ((int) (offset / REGION_SIZE)) {
            case COMMON_OFFSET / REGION_SIZE -> common.read(within, size);
            case ISR_OFFSET / REGION_SIZE -> within == 0 ? interrupts.readAndClearIsr() : 0;
            case DEVICE_OFFSET / REGION_SIZE -> control.readConfig(within, size);
            default -> 0; // the notification area is write-only
        };
    }

    @Override
    public void write(long offset, int size, long value) {
        int within = (int) (offset % REGION_SIZE);
        switch ((int) (offset / REGION_SIZE)) {
            case COMMON_OFFSET / REGION_SIZE -> common.write(within, size, value);
            case DEVICE_OFFSET / REGION_SIZE -> control.writeConfig(within, size, value);
            case NOTIFY_OFFSET / REGION_SIZE -> {
                if (within % NOTIFY_OFF_MULTIPLIER == 0) control.processQueue(within / NOTIFY_OFF_MULTIPLIER);
            }
            default -> { } // ISR status is read-only
        }
    }
}
