package dev.jkvm.devices.pci;

/**
 * Told when a BAR window starts or stops decoding: the guest placed or moved it, or switched the
 * command register's I/O or memory decode. The machine registers {@link PciBar#handler()} on the
 * PIO bus for I/O BARs and on the MMIO bus otherwise. Called with the device locked.
 */
public interface BarMapper {
    BarMapper NONE = new BarMapper() {
        @Override
        public void map(PciDevice device, PciBar bar, long address) {}

        @Override
        public void unmap(PciDevice device, PciBar bar, long address) {}
    };

    void map(PciDevice device, PciBar bar, long address);

    void unmap(PciDevice device, PciBar bar, long address);
}
