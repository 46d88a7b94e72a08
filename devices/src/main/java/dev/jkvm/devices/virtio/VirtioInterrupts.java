package dev.jkvm.devices.virtio;

/**
 * How a transport interrupts the driver: per-queue used buffer notifications and configuration
 * change notifications (MSI-X vectors or INTx with the ISR on PCI). Implementations must not call
 * back into the device.
 */
public interface VirtioInterrupts {
    void usedBuffers(int queue);

    void configChanged();
}
