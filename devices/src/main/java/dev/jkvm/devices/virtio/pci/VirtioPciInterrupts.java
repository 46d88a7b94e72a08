package dev.jkvm.devices.virtio.pci;

import dev.jkvm.devices.pci.MsixCapability;
import dev.jkvm.devices.pci.PciDevice;
import dev.jkvm.devices.virtio.VirtioInterrupts;

import java.util.Arrays;

/**
 * Routes a virtio device's notifications to the driver (virtio 1.2, 4.1.4.5): with MSI-X enabled,
 * to the vector the driver chose for the queue or for configuration changes (none for
 * {@link #NO_VECTOR}); otherwise to the ISR status bits, which hold the INTx pin asserted until the
 * driver reads (and so clears) them.
 *
 * <p>It shares the PCI function's lock, so the MSI-X enable bit, the ISR and the pin change together.
 */
final class VirtioPciInterrupts implements VirtioInterrupts {
    static final int NO_VECTOR = 0xffff;
    static final int ISR_QUEUE = 0x1, ISR_CONFIG = 0x2;

    private final PciDevice function;
    private final MsixCapability msix;
    private final int[] queueVectors;
    private int configVector = NO_VECTOR;
    private int isr;

    VirtioPciInterrupts(PciDevice function, MsixCapability msix, int queues) {
        this.function = function;
        this.msix = msix;
        this.queueVectors = new int[queues];
        Arrays.fill(queueVectors, NO_VECTOR);
    }

    @Override
    public void usedBuffers(int queue) {
        synchronized (function) {
            notifyDriver(queueVectors[queue], ISR_QUEUE);
        }
    }

    @Override
    public void configChanged() {
        synchronized (function) {
            notifyDriver(configVector, ISR_CONFIG);
        }
    }

    private void notifyDriver(int vector, int isrBit) {
        if (msix.enabled()) {
            if (vector != NO_VECTOR) msix.signal(vector);
        } else {
            isr |= isrBit;
            updateIntx();
        }
    }

    /** The ISR status register: reading it returns the pending causes and clears them. */
    int readAndClearIsr() {
        synchronized (function) {
            int value = isr;
            isr = 0;
            updateIntx();
            return value;
        }
    }

    /** The pin follows the ISR unless MSI-X is enabled, when the function must not use INTx. */
    void updateIntx() {
        synchronized (function) {
            function.setIntx(isr != 0 && !msix.enabled());
        }
    }

    int configVector() {
        synchronized (function) {
            return configVector;
        }
    }

    /** A vector the table lacks reads back as NO_VECTOR, which is how the driver learns it was refused. */
    void setConfigVector(int vector) {
        synchronized (function) {
            configVector = validVector(vector);
        }
    }

    int queueVector(int queue) {
        synchronized (function) {
            return queueVectors[queue];
        }
    }

    void setQueueVector(int queue, int vector) {
        synchronized (function) {
            queueVectors[queue] = validVector(vector);
        }
    }

    private int validVector(int vector) {
        return vector >= 0 && vector < msix.vectors() ? vector : NO_VECTOR;
    }

    /** A device reset: vectors unassigned, no cause pending. The MSI-X table is PCI state and stays. */
    void reset() {
        synchronized (function) {
            configVector = NO_VECTOR;
            Arrays.fill(queueVectors, NO_VECTOR);
            isr = 0;
            updateIntx();
        }
    }
}
