package dev.jkvm.devices.serial;

/** Where the UART's transmitter sends each byte the guest writes. */
@FunctionalInterface
public interface SerialOutput {
    SerialOutput DISCARD = b -> {};

    void write(byte b);
}
