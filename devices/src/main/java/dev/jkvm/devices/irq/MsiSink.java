package dev.jkvm.devices.irq;

/** Delivers a message-signalled interrupt: the address/data pair a device writes. */
@FunctionalInterface
public interface MsiSink {
    void signal(long address, int data);
}
