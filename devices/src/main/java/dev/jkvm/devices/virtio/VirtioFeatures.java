package dev.jkvm.devices.virtio;

/** Feature bits every device shares (virtio 1.2, 6): the ring layout's options and the modern interface. */
public final class VirtioFeatures {
    public static final int RING_INDIRECT_DESC = 28;
    public static final int RING_EVENT_IDX = 29;
    public static final int VERSION_1 = 32;

    /** What the virtqueue and transport layers implement, offered on top of a device's own bits. */
    public static final long COMMON = bit(RING_INDIRECT_DESC) | bit(RING_EVENT_IDX) | bit(VERSION_1);

    private VirtioFeatures() {}

    public static long bit(int feature) {
        return 1L << feature;
    }

    public static boolean has(long features, int feature) {
        return (features & bit(feature)) != 0;
    }
}
