package dev.jkvm.devices.memory;

/** A guest physical range that is not (entirely) RAM. Devices turn this into their defined error. */
public class GuestMemoryException extends RuntimeException {
    private final long address;
    private final long length;

    public GuestMemoryException(long address, long length) {
        super(String.format("guest physical range %#x+%#x is not RAM", address, length));
        this.address = address;
        this.length = length;
    }

    public long address() {
        return address;
    }

    public long length() {
        return length;
    }
}
