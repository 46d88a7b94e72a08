package dev.jkvm.devices.bus;

/** Two devices claimed the same address. */
public class BusOverlapException extends IllegalArgumentException {
    public BusOverlapException(String message) {
        super(message);
    }
}
