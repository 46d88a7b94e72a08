package dev.jkvm.compare;

import java.util.List;
import java.util.Optional;

/**
 * A device model under comparison and how `jkvm run` attaches it. IDE PIO is the IDE disk with
 * {@code pio=on}: the drive offers no DMA modes, so libata transfers with PIO. (The kernel parameter
 * libata.dma=0 would not do: busybox insmod does not read module parameters from the command line.)
 */
public enum DeviceModel {
    IDE_PIO("ide-pio", "IDE, PIO (pio=on)", Comparison.Kind.DISK, "if=ide,pio=on", "", "sda"),
    IDE_DMA("ide-dma", "IDE, bus-master DMA", Comparison.Kind.DISK, "if=ide", "", "sda"),
    VIRTIO_BLK("virtio-blk", "virtio-blk (virtio-pci)", Comparison.Kind.DISK, "if=virtio", "", "vda"),
    E1000("e1000", "Intel e1000 (82540EM)", Comparison.Kind.NET, "model=e1000", "", "eth0"),
    VIRTIO_NET("virtio-net", "virtio-net (virtio-pci)", Comparison.Kind.NET, "model=virtio", "", "eth0");

    private final String id;
    private final String description;
    private final Comparison.Kind kind;
    private final String spec;
    private final String append;
    private final String guestDevice;

    DeviceModel(String id, String description, Comparison.Kind kind, String spec, String append, String guestDevice) {
        this.id = id;
        this.description = description;
        this.kind = kind;
        this.spec = spec;
        this.append = append;
        this.guestDevice = guestDevice;
    }

    /** The short name used in tables, JSON and the SVG: ide-pio, ide-dma, virtio-blk, e1000, virtio-net. */
    public String id() { return id; }

    public String description() { return description; }

    public Comparison.Kind kind() { return kind; }

    /** The guest's name for the device: sda, vda or eth0. */
    public String guestDevice() { return guestDevice; }

    /** Kernel parameters the model needs (added with --append), or "". */
    public String append() { return append; }

    /** The `jkvm run` options attaching the model; for a disk, {@code image} is the fresh raw image. */
    public List<String> runOptions(Optional<java.nio.file.Path> image) {
        if (kind == Comparison.Kind.DISK) {
            String file = image.orElseThrow(() -> new IllegalArgumentException(id + " needs a disk image")).toString();
            return List.of("--disk", file + "," + spec + ",format=raw");
        }
        return List.of("--nic", spec + ",net=user");
    }

    public static Optional<DeviceModel> byId(String id) {
        for (DeviceModel m : values()) if (m.id.equals(id)) return Optional.of(m);
        return Optional.empty();
    }
}
