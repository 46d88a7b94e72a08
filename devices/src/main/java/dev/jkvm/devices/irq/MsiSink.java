package dev.jkvm.devices.irq;

/** Delivers a message-signalled interrupt: the address/data pair a device writes. */
@FunctionalInterface
public interface MsiSink {
    void signal(long address, int data);

    /**
     * Sends MSI-X vector {@code vector}'s message. A sink that keeps a route per vector (KVM's irqfd) uses the
     * vector; by default it is the plain message.
     */
    default void signal(int vector, long address, int data) {
        signal(address, data);
    }

    /**
     * The guest changed a vector's table entry (address, data or mask), so a route kept per vector is out of
     * date. Called with the MSI-X capability locked; by default nothing keeps routes.
     */
    default void vectorChanged(int vector, long address, int data, boolean masked) {
    }
}
