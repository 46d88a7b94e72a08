package dev.jkvm.devices.virtio;

/**
 * A virtio device type (net, block, ...) apart from any transport: its feature bits, queues and
 * configuration layout, and the work its queues carry. A transport (PCI, later MMIO) negotiates
 * with the driver and calls {@link #activate} at DRIVER_OK and {@link #reset} when the driver resets.
 *
 * <p>Implementations are thread-safe: {@link #processQueue} may run on a vCPU thread or an I/O
 * thread while backends deliver from their own. They never throw for anything the guest did.
 */
public interface VirtioDevice {
    /** The virtio device ID (1 network, 2 block). */
    int deviceType();

    /** The device-specific feature bits offered; the transport adds {@link VirtioFeatures#COMMON}. */
    long features();

    int queueCount();

    /**
     * Whether the device works with the features the driver accepted (a subset of the offer with
     * VERSION_1); false keeps FEATURES_OK clear, as for a set that breaks the device type's feature
     * dependencies.
     */
    default boolean acceptsFeatures(long features) {
        return true;
    }

    /** The device configuration layout as the driver reads it now, little-endian. */
    byte[] config();

    /** A driver write to the device configuration; fields are read-only unless a device says otherwise. */
    default void writeConfig(int offset, int size, long value) {}

    /** The driver set DRIVER_OK: start serving the queues. */
    void activate(Activation activation);

    /** The driver made buffers available on a queue (or an I/O thread polls it): do the work they carry. */
    void processQueue(int queue);

    /** Back to the initial state; returns once no queue processing is under way. */
    void reset();
}
