package dev.jkvm.devices.block;

/** The {@link BlockBackend} request contract: whole sectors inside the disk. */
final class SectorRange {
    private SectorRange() {}

    static void check(long diskSize, long offset, long length) {
        boolean aligned = offset % BlockBackend.SECTOR == 0 && length % BlockBackend.SECTOR == 0;
        if (!aligned || offset < 0 || length < 0 || offset > diskSize - length) {
            throw new IllegalArgumentException(String.format(
                    "request %#x+%#x is not whole sectors inside a %#x-byte disk", offset, length, diskSize));
        }
    }
}
