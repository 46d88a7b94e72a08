package dev.jkvm.boot;

import dev.jkvm.devices.memory.GuestMemory;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The Intel MultiProcessor Specification 1.4 table (chapter 4): the floating pointer and a
 * configuration table listing the CPUs, the buses, the IOAPIC and how ISA and PCI interrupts reach
 * it. With acpi=off this is how Linux finds the other CPUs and the IOAPIC.
 */
public final class MpTable {
    public static final int PCI_BUS = 0;
    public static final int ISA_BUS = 1;
    private static final int APIC_VERSION = 0x14;
    private static final int IOAPIC_VERSION = 0x11;
    private static final int SPEC_REVISION = 4;
    private static final int ENTRY_PROCESSOR = 0;
    private static final int ENTRY_BUS = 1;
    private static final int ENTRY_IOAPIC = 2;
    private static final int ENTRY_IO_INTERRUPT = 3;
    private static final int ENTRY_LOCAL_INTERRUPT = 4;
    private static final int INT = 0;
    private static final int NMI = 1;
    private static final int EXTINT = 3;
    /** Level-triggered, active low: how PCI INTx lines behave. */
    private static final int PCI_FLAGS = 0x0f;

    /** A PCI function's INTx pin routed to an IOAPIC input. pin: 1 = INTA .. 4 = INTD. */
    public record PciInterrupt(int device, int pin, int ioapicInput) {}

    private MpTable() {}

    /** The IOAPIC's MP id: after the processors'. */
    public static int ioapicId(int cpus) {
        return cpus;
    }

    /** The IOAPIC input an ISA IRQ arrives at: IRQ0 (the PIT) is wired to input 2, as on PCs. */
    public static int isaInput(int irq) {
        return irq == 0 ? 2 : irq;
    }

    public static void write(GuestMemory memory, long address, int cpus, List<PciInterrupt> pciInterrupts) {
        ByteArrayOutputStream entries = new ByteArrayOutputStream();
        int count = 0;
        for (int cpu = 0; cpu < cpus; cpu++) {
            ByteBuffer e = entry(20);
            e.put((byte) ENTRY_PROCESSOR).put((byte) cpu).put((byte) APIC_VERSION);
            e.put((byte) (cpu == 0 ? 0x03 : 0x01)); // enabled, bootstrap processor
            e.putInt(0x600).putInt(0x201); // family 6 signature; FPU and APIC features
            entries.writeBytes(e.array());
            count++;
        }
        entries.writeBytes(bus(PCI_BUS, "PCI   "));
        entries.writeBytes(bus(ISA_BUS, "ISA   "));
        count += 2;
        int ioapic = ioapicId(cpus);
        ByteBuffer io = entry(8);
        io.put((byte) ENTRY_IOAPIC).put((byte) ioapic).put((byte) IOAPIC_VERSION).put((byte) 1).putInt((int) PcLayout.IOAPIC);
        entries.writeBytes(io.array());
        count++;
        for (int irq = 0; irq < 16; irq++) {
            if (irq == 2) continue; // the cascade, not a device interrupt
            entries.writeBytes(ioInterrupt(INT, 0, ISA_BUS, irq, ioapic, isaInput(irq)));
            count++;
        }
        for (PciInterrupt p : pciInterrupts) {
            entries.writeBytes(ioInterrupt(INT, PCI_FLAGS, PCI_BUS, (p.device() << 2) | (p.pin() - 1), ioapic, p.ioapicInput()));
            count++;
        }
        entries.writeBytes(localInterrupt(EXTINT, 0));
        entries.writeBytes(localInterrupt(NMI, 1));
        count += 2;

        long table = address + 16;
        byte[] body = entries.toByteArray();
        ByteBuffer header = entry(44);
        header.put("PCMP".getBytes(StandardCharsets.US_ASCII));
        header.putShort((short) (44 + body.length)).put((byte) SPEC_REVISION).put((byte) 0);
        header.put(padded("JKVM", 8)).put(padded("JKVM-PC", 12));
        header.putInt(0).putShort((short) 0).putShort((short) count);
        header.putInt((int) PcLayout.LAPIC).putShort((short) 0).put((byte) 0).put((byte) 0);
        byte[] config = new byte[44 + body.length];
        System.arraycopy(header.array(), 0, config, 0, 44);
        System.arraycopy(body, 0, config, 44, body.length);
        config[7] = checksum(config);
        memory.write(table, config);

        ByteBuffer floating = entry(16);
        floating.put("_MP_".getBytes(StandardCharsets.US_ASCII)).putInt((int) table);
        floating.put((byte) 1).put((byte) SPEC_REVISION).put((byte) 0).put((byte) 0).putInt(0);
        byte[] fp = floating.array();
        fp[10] = checksum(fp);
        memory.write(address, fp);
    }

    /** Bytes the table occupies for the given CPU and PCI interrupt counts. */
    public static long size(int cpus, int pciInterrupts) {
        return 16 + 44 + 20L * cpus + 8L * (2 + 1 + 15 + pciInterrupts + 2);
    }

    private static byte[] bus(int id, String type) {
        ByteBuffer e = entry(8);
        e.put((byte) ENTRY_BUS).put((byte) id).put(type.getBytes(StandardCharsets.US_ASCII));
        return e.array();
    }

    private static byte[] ioInterrupt(int kind, int flags, int bus, int busIrq, int ioapic, int input) {
        ByteBuffer e = entry(8);
        e.put((byte) ENTRY_IO_INTERRUPT).put((byte) kind).putShort((short) flags);
        e.put((byte) bus).put((byte) busIrq).put((byte) ioapic).put((byte) input);
        return e.array();
    }

    private static byte[] localInterrupt(int kind, int lint) {
        ByteBuffer e = entry(8);
        e.put((byte) ENTRY_LOCAL_INTERRUPT).put((byte) kind).putShort((short) 0);
        e.put((byte) ISA_BUS).put((byte) 0).put((byte) 0xff).put((byte) lint);
        return e.array();
    }

    private static ByteBuffer entry(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static byte[] padded(String s, int length) {
        byte[] out = new byte[length];
        java.util.Arrays.fill(out, (byte) ' ');
        byte[] src = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(src, 0, out, 0, Math.min(src.length, length));
        return out;
    }

    /** The byte that makes the sum of all bytes zero. */
    static byte checksum(byte[] bytes) {
        int sum = 0;
        for (byte b : bytes) sum += b;
        return (byte) -sum;
    }
}
