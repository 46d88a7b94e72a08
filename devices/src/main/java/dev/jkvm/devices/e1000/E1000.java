package dev.jkvm.devices.e1000;

import dev.jkvm.devices.bus.BusDevice;
import dev.jkvm.devices.memory.GuestMemory;
import dev.jkvm.devices.net.BigEndian;
import dev.jkvm.devices.net.NetBackend;
import dev.jkvm.devices.pci.PciBar;
import dev.jkvm.devices.pci.PciDevice;
import dev.jkvm.devices.time.Clock;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32;

import static dev.jkvm.devices.e1000.Registers.*;

/**
 * An Intel 82540EM gigabit Ethernet controller (PCI 8086:100e, subsystem 8086:001e) with its
 * internal M88E1011 PHY, as the Linux e1000 driver and QEMU-era guests know it.
 *
 * <p>BAR0 is the 128 KiB register window; BAR1 an 8-byte I/O window with IOADDR at 0 selecting the
 * register that IODATA at 4 reads and writes (Linux issues the device reset through it). Registers
 * are dword-wide: wider accesses split, narrower reads return their bytes of the dword, and narrower
 * writes are ignored. Unknown offsets read 0 and ignore writes.
 *
 * <p>The link is always up at 1000 Mb/s full duplex once CTRL.SLU is set (it is after reset) and
 * the PHY is not held in reset; it coming up raises LSC. Transmission happens in the vCPU's TDT
 * write, frames going to the backend; received frames come from the backend's thread through
 * {@link #offer}, which refuses a frame while the receive ring has no room and asks the backend
 * for it again once the guest posts buffers. The receive and transmit interrupt delay timers
 * (RDTR/RADV, TIDV/TADV) are stored but act as zero: every event is reported at once, and ITR
 * alone moderates the interrupt rate. Received frames keep a computed FCS, which Linux's e1000
 * driver subtracts itself; RCTL.SECRC (a later chip's bit) strips it.
 *
 * <p>DMA happens only while the PCI command register enables bus mastering.
 */
public final class E1000 {
    public static final int VENDOR_ID = 0x8086, DEVICE_ID = 0x100e, SUBSYSTEM_ID = 0x001e, CLASS_ETHERNET = 0x020000,
            REVISION = 0x03;
    public static final long MMIO_SIZE = 128 * 1024, IO_SIZE = 8;

    static final int CTRL_FD = 1, CTRL_ASDE = 1 << 5, CTRL_SLU = 1 << 6, CTRL_RST = 1 << 26, CTRL_VME = 1 << 30,
            CTRL_PHY_RST = 1 << 31;
    private static final int CTRL_RESET_VALUE = CTRL_FD | CTRL_ASDE | CTRL_SLU;
    static final int STATUS_FD = 1, STATUS_LU = 1 << 1, STATUS_SPEED_1000 = 1 << 7, STATUS_ASDV_1000 = 1 << 9;
    static final int RCTL_EN = 1 << 1, RCTL_LPE = 1 << 5, RCTL_SECRC = 1 << 26;
    static final int TCTL_EN = 1 << 1, TCTL_PSP = 1 << 3;
    private static final int IO_ADDRESS = 0, IO_DATA = 4, IO_ADDRESS_MASK = 0x1fffc;

    private static final int MIN_FRAME = 60, FCS = 4, MAX_FRAME = 1518, MAX_LONG_FRAME = 16384, VLAN_TAG = 4;

    /** Registers that only store, with their reset values. */
    private static final Map<Integer, Integer> STORED_REGISTERS = Map.ofEntries(
            Map.entry(CTRL_EXT, 0), Map.entry(FLA, 0), Map.entry(FCAL, 0), Map.entry(FCAH, 0), Map.entry(FCT, 0),
            Map.entry(VET, 0x8100), Map.entry(FCTTV, 0), Map.entry(TXCW, 0), Map.entry(RXCW, 0),
            Map.entry(TIPG, 0), Map.entry(AIFS, 0), Map.entry(LEDCTL, 0x07068302), Map.entry(PBA, 0x00100030),
            Map.entry(FCRTL, 0), Map.entry(FCRTH, 0), Map.entry(RDTR, 0), Map.entry(RXDCTL, 0), Map.entry(RADV, 0),
            Map.entry(RSRPD, 0), Map.entry(TIDV, 0), Map.entry(TXDCTL, 0), Map.entry(TADV, 0), Map.entry(TSPMT, 0),
            Map.entry(RXCSUM, 0), Map.entry(WUC, 0), Map.entry(WUFC, 0), Map.entry(WUS, 0), Map.entry(MANC, 0));

    /**
     * Registers whose writes have no side effect the guest could see before its next register read or
     * exit: every offset of BAR0 except MDIC, ICR, ICS, IMS, IMC, TCTL and TDT (QEMU's list). A VMM may let
     * such writes complete without an exit (KVM coalesced MMIO) and replay them later, in order.
     */
    private static final int[] IMMEDIATE_WRITES = {MDIC, ICR, ICS, IMS, IMC, TCTL, TDT};

    private final GuestMemory dma;
    private final NetBackend backend;
    private final byte[] mac;
    private final PciDevice pci;
    private final Eeprom eeprom;
    private final Phy phy = new Phy();
    private final Mdic mdic = new Mdic(phy);
    private final Interrupts interrupts;
    private final Statistics statistics = new Statistics();
    private final AddressFilter filter = new AddressFilter();
    private final Receiver receiver;
    private final Transmitter transmitter;
    private final Map<Integer, Integer> stored = new HashMap<>();
    private final CRC32 crc = new CRC32();

    private int ctrl;
    private int rctl;
    private int tctl;
    private boolean linkUp;
    private int ioAddress;
    private boolean backendWaiting;
    private volatile Runnable beforeStateRead = () -> { };

    /** @param mac the station address, stored in the EEPROM and RAL0/RAH0 */
    public E1000(GuestMemory dma, NetBackend backend, byte[] mac, Clock clock) {
        this.dma = Objects.requireNonNull(dma, "dma");
        this.backend = Objects.requireNonNull(backend, "backend");
        if (mac.length != 6) throw new IllegalArgumentException("MAC address of " + mac.length + " bytes");
        this.mac = mac.clone();
        this.eeprom = new Eeprom(this.mac, DEVICE_ID, VENDOR_ID, SUBSYSTEM_ID, VENDOR_ID);
        this.receiver = new Receiver(dma);
        this.transmitter = new Transmitter(dma, statistics);
        this.pci = new PciDevice("e1000", VENDOR_ID, DEVICE_ID, CLASS_ETHERNET, REVISION);
        this.interrupts = new Interrupts(clock, pci::setIntx, this::throttleExpired);
        pci.setSubsystem(VENDOR_ID, SUBSYSTEM_ID);
        pci.setInterruptPin(1);
        pci.addBar(0, PciBar.Kind.MEMORY32, MMIO_SIZE, false, new RegisterWindow());
        pci.addBar(1, PciBar.Kind.IO, IO_SIZE, false, new IoWindow());
        synchronized (this) {
            reset();
        }
        backend.attach(this::offer);
    }

    /**
     * The (offset, length) ranges of BAR0 whose writes may be buffered and replayed later ({@link #IMMEDIATE_WRITES}
     * are the exceptions), in offset order.
     */
    public static List<long[]> deferrableWriteRanges() {
        List<long[]> ranges = new ArrayList<>();
        long start = 0;
        for (int register : IMMEDIATE_WRITES) {
            if (register > start) ranges.add(new long[]{start, register - start});
            start = register + 4;
        }
        if (start < MMIO_SIZE) ranges.add(new long[]{start, MMIO_SIZE - start});
        return ranges;
    }

    /**
     * What to run before the device reads its registers on a thread other than a vCPU's (the backend's
     * receive path): the VMM replays buffered register writes there.
     */
    public void setBeforeStateRead(Runnable sync) {
        beforeStateRead = Objects.requireNonNull(sync, "sync");
    }

    /** The PCI function to attach to the host bridge; INTA#. */
    public PciDevice pciFunction() {
        return pci;
    }

    /** Descriptors or buffers the guest placed outside RAM, which were dropped. */
    public synchronized long dmaErrors() {
        return receiver.dmaErrors() + transmitter.dmaErrors();
    }

    private synchronized void throttleExpired() {
        interrupts.update();
    }

    /** Power-on state, also reached through CTRL.RST. PCI configuration is untouched. */
    private void reset() {
        ctrl = CTRL_RESET_VALUE;
        rctl = 0;
        tctl = 0;
        linkUp = false;
        stored.clear();
        stored.putAll(STORED_REGISTERS);
        interrupts.reset();
        eeprom.reset();
        phy.reset();
        mdic.reset();
        statistics.reset();
        filter.reset(mac);
        receiver.reset();
        transmitter.reset();
        updateLink();
    }

    private void updateLink() {
        boolean up = (ctrl & CTRL_SLU) != 0 && (ctrl & CTRL_PHY_RST) == 0;
        if (up == linkUp) return;
        linkUp = up;
        interrupts.raise(Interrupts.LSC);
    }

    private int status() {
        return STATUS_FD | STATUS_SPEED_1000 | STATUS_ASDV_1000 | (linkUp ? STATUS_LU : 0);
    }

    private boolean busMaster() {
        return (pci.configRead(PciDevice.COMMAND, 2) & PciDevice.COMMAND_BUS_MASTER) != 0;
    }

    private int readRegister(int offset) {
        return switch (offset) {
            case CTRL -> ctrl;
            case STATUS -> status();
            case EECD -> eeprom.readEecd();
            case EERD -> eeprom.readEerd();
            case MDIC -> mdic.read();
            case ICR -> interrupts.readCauses();
            case ITR -> interrupts.itr();
            case IMS -> interrupts.mask();
            case RCTL -> rctl;
            case TCTL -> tctl;
            case RDBAL -> receiver.ring.baseLow();
            case RDBAH -> receiver.ring.baseHigh();
            case RDLEN -> receiver.ring.length();
            case RDH -> receiver.ring.head();
            case RDT -> receiver.ring.tail();
            case TDBAL -> transmitter.ring.baseLow();
            case TDBAH -> transmitter.ring.baseHigh();
            case TDLEN -> transmitter.ring.length();
            case TDH -> transmitter.ring.head();
            case TDT -> transmitter.ring.tail();
            default -> readTable(offset);
        };
    }

    private int readTable(int offset) {
        if (offset >= STATISTICS_FIRST && offset <= STATISTICS_LAST) return statistics.read(offset);
        if (offset >= MTA && offset < RA) return filter.readMulticastTable((offset - MTA) / 4);
        if (offset >= RA && offset < RA + 8 * AddressFilter.ADDRESSES) return filter.readReceiveAddress((offset - RA) / 4);
        if (offset >= VFTA && offset < VFTA + 4 * AddressFilter.VFTA_WORDS) return filter.readVlanTable((offset - VFTA) / 4);
        return stored.getOrDefault(offset, 0);
    }

    private void writeRegister(int offset, int value) {
        switch (offset) {
            case CTRL -> writeControl(value);
            case EECD -> eeprom.writeEecd(value);
            case EERD -> eeprom.writeEerd(value);
            case MDIC -> {
                if (mdic.write(value)) interrupts.raise(Interrupts.MDAC);
            }
            case ICR -> interrupts.clearCauses(value);
            case ICS -> interrupts.raise(value);
            case IMS -> interrupts.setMask(value);
            case IMC -> interrupts.clearMask(value);
            case ITR -> interrupts.setItr(value);
            case RCTL -> rctl = value;
            case TCTL -> {
                tctl = value;
                transmit();
            }
            case RDBAL -> receiver.ring.setBaseLow(value);
            case RDBAH -> receiver.ring.setBaseHigh(value);
            case RDLEN -> receiver.ring.setLength(value);
            case RDH -> receiver.ring.setHead(value);
            case RDT -> receiver.ring.setTail(value);
            case TDBAL -> transmitter.ring.setBaseLow(value);
            case TDBAH -> transmitter.ring.setBaseHigh(value);
            case TDLEN -> transmitter.ring.setLength(value);
            case TDH -> transmitter.ring.setHead(value);
            case TDT -> {
                transmitter.ring.setTail(value);
                transmit();
            }
            default -> writeTable(offset, value);
        }
    }

    private void writeTable(int offset, int value) {
        if (offset >= MTA && offset < RA) filter.writeMulticastTable((offset - MTA) / 4, value);
        else if (offset >= RA && offset < RA + 8 * AddressFilter.ADDRESSES) filter.writeReceiveAddress((offset - RA) / 4, value);
        else if (offset >= VFTA && offset < VFTA + 4 * AddressFilter.VFTA_WORDS) filter.writeVlanTable((offset - VFTA) / 4, value);
        else if (stored.containsKey(offset)) stored.put(offset, value);
    }

    /** RST resets the whole controller and clears itself; the other bits store, SLU and PHY_RST steer the link. */
    private void writeControl(int value) {
        if ((value & CTRL_RST) != 0) {
            reset();
            return;
        }
        ctrl = value;
        updateLink();
    }

    private void transmit() {
        if ((tctl & TCTL_EN) == 0 || !busMaster()) return;
        int vlanEtherType = (ctrl & CTRL_VME) != 0 ? stored.get(VET) & 0xffff : -1;
        int causes = transmitter.process(frame -> {
            statistics.countTransmitted(frame, 0, frame.length + FCS);
            backend.send(frame, 0, frame.length);
        }, vlanEtherType, (tctl & TCTL_PSP) != 0);
        interrupts.raise(causes);
    }

    /**
     * The backend's receive path. Refuses (false) only while the enabled receiver lacks descriptors;
     * frames the guest does not want, or cannot take because its receiver is off, are dropped (true).
     */
    private boolean offer(byte[] data, int offset, int length) {
        beforeStateRead.run();
        synchronized (this) {
            if ((rctl & RCTL_EN) == 0 || !busMaster() || length < 14) return true;
            byte[] frame = Arrays.copyOfRange(data, offset, offset + length);
            if (!filter.accepts(frame, rctl, stored.get(VET) & 0xffff)) return true;
            int vlanTag = -1;
            if ((ctrl & CTRL_VME) != 0 && length >= 18 && BigEndian.getShort(frame, 12) == (stored.get(VET) & 0xffff)) {
                vlanTag = BigEndian.getShort(frame, 14);
                frame = untagged(frame);
            }
            int maxLength = ((rctl & RCTL_LPE) != 0 ? MAX_LONG_FRAME : MAX_FRAME) - (vlanTag >= 0 ? VLAN_TAG : 0);
            if (frame.length > maxLength) {
                statistics.count(Statistics.ROC);
                return true;
            }
            int dataLength = Math.max(frame.length, MIN_FRAME);
            int rxcsum = stored.get(RXCSUM);
            byte[] wire = Arrays.copyOf(frame, dataLength + FCS);
            int checksum = ReceiveChecksum.packetChecksum(wire, dataLength, rxcsum);
            int verdict = ReceiveChecksum.verdict(wire, dataLength, rxcsum);
            int wireLength = dataLength;
            if ((rctl & RCTL_SECRC) == 0) {
                appendFcs(wire, dataLength);
                wireLength += FCS;
            }
            return switch (receiver.store(wire, wireLength, rctl, checksum, verdict, vlanTag)) {
                case NO_DESCRIPTORS -> {
                    statistics.count(Statistics.RNBC);
                    interrupts.raise(Interrupts.RXO);
                    backendWaiting = true;
                    yield false;
                }
                case DROPPED -> {
                    statistics.count(Statistics.MPC);
                    yield true;
                }
                case STORED -> {
                    statistics.countReceived(wire, dataLength + FCS);
                    interrupts.raise(Interrupts.RXT0 | (receiver.belowMinimumThreshold(rctl) ? Interrupts.RXDMT0 : 0));
                    yield true;
                }
            };
        }
    }

    private static byte[] untagged(byte[] frame) {
        byte[] result = new byte[frame.length - VLAN_TAG];
        System.arraycopy(frame, 0, result, 0, 12);
        System.arraycopy(frame, 12 + VLAN_TAG, result, 12, frame.length - 12 - VLAN_TAG);
        return result;
    }

    private void appendFcs(byte[] wire, int dataLength) {
        crc.reset();
        crc.update(wire, 0, dataLength);
        long fcs = crc.getValue();
        for (int i = 0; i < FCS; i++) wire[dataLength + i] = (byte) (fcs >>> (8 * i));
    }

    /** A register access from either window; tells the backend, outside the lock, when receive room appeared. */
    private void registerWrite(int offset, int value) {
        boolean roomForBackend;
        synchronized (this) {
            writeRegister(offset, value);
            roomForBackend = backendWaiting && (rctl & RCTL_EN) != 0 && receiver.ring.owned() > 0;
            if (roomForBackend) backendWaiting = false;
        }
        if (roomForBackend) backend.receiveRoomAvailable();
    }

    private synchronized int registerRead(int offset) {
        return readRegister(offset);
    }

    /** Dword registers seen through a bus window of any access size. */
    private abstract class DwordWindow implements BusDevice {
        abstract int readDword(int offset);

        abstract void writeDword(int offset, int value);

        @Override
        public final long read(long offset, int size) {
            int aligned = (int) offset & ~3;
            if (size == 8) return (readDword(aligned) & 0xffffffffL) | (long) readDword(aligned + 4) << 32;
            long dword = readDword(aligned) & 0xffffffffL;
            long lanes = dword >>> (8 * ((int) offset & 3));
            return size >= 4 ? lanes : lanes & ((1L << (8 * size)) - 1);
        }

        @Override
        public final void write(long offset, int size, long value) {
            if ((offset & 3) != 0) return;
            if (size == 8) {
                writeDword((int) offset, (int) value);
                writeDword((int) offset + 4, (int) (value >>> 32));
            } else if (size == 4) {
                writeDword((int) offset, (int) value);
            }
        }
    }

    private final class RegisterWindow extends DwordWindow {
        @Override
        int readDword(int offset) {
            return offset < MMIO_SIZE ? registerRead(offset) : 0;
        }

        @Override
        void writeDword(int offset, int value) {
            if (offset < MMIO_SIZE) registerWrite(offset, value);
        }
    }

    /** IOADDR selects a register of the memory window; IODATA reads and writes it. */
    private final class IoWindow extends DwordWindow {
        @Override
        int readDword(int offset) {
            synchronized (E1000.this) {
                return switch (offset) {
                    case IO_ADDRESS -> ioAddress;
                    case IO_DATA -> readRegister(ioAddress);
                    default -> 0;
                };
            }
        }

        @Override
        void writeDword(int offset, int value) {
            if (offset == IO_ADDRESS) {
                synchronized (E1000.this) {
                    ioAddress = value & IO_ADDRESS_MASK;
                }
            } else if (offset == IO_DATA) {
                int register;
                synchronized (E1000.this) {
                    register = ioAddress;
                }
                registerWrite(register, value);
            }
        }
    }
}
