package dev.jkvm.devices.e1000;

import dev.jkvm.devices.bus.BusDevice;
import dev.jkvm.devices.irq.RecordingIrqLine;
import dev.jkvm.devices.memory.GuestMemory;
import dev.jkvm.devices.net.NetBackend;
import dev.jkvm.devices.pci.BarMapper;
import dev.jkvm.devices.pci.PciDevice;
import dev.jkvm.devices.pci.PciHost;
import dev.jkvm.devices.time.VirtualClock;

import java.util.List;

import static dev.jkvm.devices.e1000.Registers.*;

/**
 * An e1000 on a PCI bus with 1 MiB of RAM, driven the way Linux's e1000 driver does: the register
 * helpers read and write BAR0, the EEPROM is bit-banged, the rings live at fixed guest addresses.
 */
final class Nic implements AutoCloseable {
    static final byte[] MAC = {0x52, 0x54, 0x00, 0x12, 0x34, 0x56};
    static final long RAM = 1 << 20;
    static final long TX_RING = 0x10000, RX_RING = 0x20000, TX_BUFFERS = 0x40000, RX_BUFFERS = 0x80000;
    static final int GSI = 11;

    final GuestMemory memory = GuestMemory.allocate(List.of(new GuestMemory.Range(0, RAM)));
    final VirtualClock clock = new VirtualClock();
    final RecordingIrqLine irq = new RecordingIrqLine();
    final E1000 device;
    final PciDevice pci;
    final BusDevice mmio;
    final BusDevice io;
    final RecordingBackend backend;

    Nic() {
        this(new RecordingBackend());
    }

    /** A NIC on another backend (the user network); {@link #backend} is then null. */
    Nic(NetBackend backend) {
        this.backend = backend instanceof RecordingBackend recording ? recording : null;
        this.device = new E1000(memory, backend, MAC, clock);
        this.pci = device.pciFunction();
        new PciHost((slot, pin) -> GSI, gsi -> irq, BarMapper.NONE).attach(3, 0, pci);
        pci.configWrite(PciDevice.COMMAND, 2, PciDevice.COMMAND_IO | PciDevice.COMMAND_MEMORY | PciDevice.COMMAND_BUS_MASTER);
        this.mmio = pci.bars().get(0).handler();
        this.io = pci.bars().get(1).handler();
    }

    int read(int register) {
        return (int) mmio.read(register, 4);
    }

    void write(int register, int value) {
        mmio.write(register, 4, value & 0xffffffffL);
    }

    void writeIo(int register, int value) {
        io.write(0, 4, register);
        io.write(4, 4, value & 0xffffffffL);
    }

    /** e1000_reset_hw: mask, stop the units, reset through the I/O window, mask again, clear causes. */
    void linuxReset() {
        write(IMC, 0xffffffff);
        write(RCTL, 0);
        write(TCTL, E1000.TCTL_PSP);
        writeIo(CTRL, read(CTRL) | E1000.CTRL_RST);
        write(MANC, read(MANC) & ~(1 << 13));
        write(IMC, 0xffffffff);
        read(ICR);
    }

    /** The driver's microwire EEPROM read: acquire, READ opcode 110 and six address bits, sixteen data bits, release. */
    int eepromWord(int address) {
        int eecd = read(EECD) | Eeprom.EECD_REQ;
        write(EECD, eecd);
        if ((read(EECD) & Eeprom.EECD_GNT) == 0) throw new AssertionError("EEPROM grant");
        eecd &= ~(Eeprom.EECD_DI | Eeprom.EECD_SK);
        write(EECD, eecd);
        eecd |= Eeprom.EECD_CS;
        write(EECD, eecd);
        eecd = shiftOut(eecd, 0b110, 3);
        eecd = shiftOut(eecd, address, 6);
        int data = 0;
        for (int i = 0; i < 16; i++) {
            write(EECD, eecd | Eeprom.EECD_SK);
            data = data << 1 | ((read(EECD) & Eeprom.EECD_DO) != 0 ? 1 : 0);
            write(EECD, eecd);
        }
        eecd &= ~(Eeprom.EECD_CS | Eeprom.EECD_SK | Eeprom.EECD_REQ);
        write(EECD, eecd);
        return data;
    }

    private int shiftOut(int eecd, int bits, int count) {
        for (int i = count - 1; i >= 0; i--) {
            eecd = (bits >>> i & 1) != 0 ? eecd | Eeprom.EECD_DI : eecd & ~Eeprom.EECD_DI;
            write(EECD, eecd);
            write(EECD, eecd | Eeprom.EECD_SK);
            write(EECD, eecd);
        }
        return eecd & ~Eeprom.EECD_DI;
    }

    /** An MDIC read of the internal PHY's register, as e1000_read_phy_reg_ex does it. */
    int phyRead(int register) {
        write(MDIC, register << Mdic.REGISTER_SHIFT | Phy.ADDRESS << Mdic.PHY_SHIFT | Mdic.OP_READ << Mdic.OP_SHIFT);
        int mdic = read(MDIC);
        if ((mdic & Mdic.READY) == 0 || (mdic & Mdic.ERROR) != 0) throw new AssertionError("MDIC " + Integer.toHexString(mdic));
        return mdic & 0xffff;
    }

    void phyWrite(int register, int value) {
        write(MDIC, value | register << Mdic.REGISTER_SHIFT | Phy.ADDRESS << Mdic.PHY_SHIFT | Mdic.OP_WRITE << Mdic.OP_SHIFT);
    }

    /** e1000_configure_tx: an n-descriptor ring, TX enabled with padding. */
    void setUpTransmit(int descriptors) {
        write(TDBAL, (int) TX_RING);
        write(TDBAH, 0);
        write(TDLEN, descriptors * 16);
        write(TDH, 0);
        write(TDT, 0);
        write(TCTL, E1000.TCTL_EN | E1000.TCTL_PSP);
    }

    /** e1000_configure_rx: an n-descriptor ring of {@code bufferSize}-byte buffers, all posted but one. */
    void setUpReceive(int descriptors, int rctlExtra) {
        write(RDBAL, (int) RX_RING);
        write(RDBAH, 0);
        write(RDLEN, descriptors * 16);
        write(RDH, 0);
        write(RDT, 0);
        int bufferSize = Receiver.bufferSize(rctlExtra);
        for (int i = 0; i < descriptors; i++) {
            memory.writeLong(RX_RING + 16L * i, RX_BUFFERS + (long) i * bufferSize);
            memory.writeLong(RX_RING + 16L * i + 8, 0);
        }
        write(RCTL, E1000.RCTL_EN | AddressFilter.RCTL_BAM | rctlExtra);
        write(RDT, descriptors - 1);
    }

    void writeTxDescriptor(int index, long buffer, int lower, int upper) {
        long at = TX_RING + 16L * index;
        memory.writeLong(at, buffer);
        memory.writeInt(at + 8, lower);
        memory.writeInt(at + 12, upper);
    }

    /** A legacy descriptor for one whole frame, EOP|IFCS|RS. */
    void queueLegacy(int index, long buffer, byte[] frame) {
        memory.write(buffer, frame);
        writeTxDescriptor(index, buffer, frame.length | (0x01 | 0x02 | 0x08) << 24, 0);
    }

    int rxStatus(int index) {
        return memory.readByte(RX_RING + 16L * index + 12) & 0xff;
    }

    int rxLength(int index) {
        return memory.readShort(RX_RING + 16L * index + 8) & 0xffff;
    }

    byte[] rxBuffer(int index, int bufferSize, int length) {
        byte[] data = new byte[length];
        memory.read(RX_BUFFERS + (long) index * bufferSize, data, 0, length);
        return data;
    }

    @Override
    public void close() {
        memory.close();
    }
}
