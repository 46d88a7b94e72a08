package dev.jkvm.accel.kvm;

import dev.jkvm.devices.pci.MsixCapability;
import dev.jkvm.devices.pci.PciDevice;
import dev.jkvm.kvm.GsiRoute;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MsiRouteTableTest {
    private static final int CONTROL = 2, ENABLE = 0x8000;

    /** Records what KVM would be told. */
    private static final class FakeKernel implements MsiRouteTable.Kernel {
        final List<List<GsiRoute>> tables = new ArrayList<>();
        final List<String> events = new ArrayList<>();

        @Override
        public void setGsiRouting(List<GsiRoute> routes) {
            tables.add(List.copyOf(routes));
        }

        @Override
        public MsiRouteTable.Trigger irqfd(int gsi) {
            events.add("irqfd " + gsi);
            return new MsiRouteTable.Trigger() {
                @Override
                public void signal() {
                    events.add("signal " + gsi);
                }

                @Override
                public void close() {
                    events.add("close " + gsi);
                }
            };
        }

        @Override
        public void signalMsi(long address, int data) {
            events.add("msi " + Long.toHexString(address) + ":" + data);
        }

        List<GsiRoute.ToMsi> msiRoutes() {
            return tables.getLast().stream().filter(r -> r instanceof GsiRoute.ToMsi).map(r -> (GsiRoute.ToMsi) r).toList();
        }
    }

    private static final class Owner extends PciDevice {
        MsixCapability msix;

        Owner() {
            super("virtio-test", 0x1af4, 0x1042, 0x018000, 1);
        }

        @Override
        public synchronized void configWrite(int offset, int size, long value) {
            super.configWrite(offset, size, value);
            if (msix != null) msix.configWritten(offset, size);
        }
    }

    private final FakeKernel kernel = new FakeKernel();
    private final MsiRouteTable table = new MsiRouteTable(kernel);
    private final Owner device = new Owner();

    {
        device.msix = MsixCapability.addTo(device, 1, 3, table.sinkFor("virtio-test"));
        int cap = (int) device.configRead(PciDevice.CAPABILITIES_POINTER, 1);
        device.configWrite(cap + CONTROL, 2, ENABLE);
    }

    /** As Linux does: address and data while the vector is masked, then unmask. */
    private void program(int vector, long address, int data) {
        device.msix.write(16L * vector + 12, 4, 1);
        device.msix.write(16L * vector, 4, address & 0xffffffffL);
        device.msix.write(16L * vector + 4, 4, address >>> 32);
        device.msix.write(16L * vector + 8, 4, data);
        device.msix.write(16L * vector + 12, 4, 0);
    }

    @Test
    void theIrqchipRoutesFollowThePcWiring() {
        List<GsiRoute> routes = MsiRouteTable.irqchipRoutes();
        assertEquals(23 + 15, routes.size()); // GSI 2, the cascade, has no route
        assertTrue(routes.contains(new GsiRoute.ToIrqchip(0, GsiRoute.Irqchip.IOAPIC, 2)), "the PIT reaches IOAPIC input 2");
        assertTrue(routes.stream().noneMatch(r -> r.equals(new GsiRoute.ToIrqchip(0, GsiRoute.Irqchip.IOAPIC, 0))));
        assertTrue(routes.contains(new GsiRoute.ToIrqchip(0, GsiRoute.Irqchip.PIC_MASTER, 0)));
        assertTrue(routes.contains(new GsiRoute.ToIrqchip(14, GsiRoute.Irqchip.PIC_SLAVE, 6)));
        assertTrue(routes.contains(new GsiRoute.ToIrqchip(19, GsiRoute.Irqchip.IOAPIC, 19)));
    }

    @Test
    void unmaskingAProgrammedVectorCommitsItsRoute() {
        program(1, 0xfee00000L, 0x4041);
        assertEquals(1, kernel.tables.size(), "one commit per programmed vector, at the unmask");
        assertEquals(List.of(new GsiRoute.ToMsi(MsiRouteTable.FIRST_MSI_GSI, 0xfee00000L, 0x4041)), kernel.msiRoutes());
        assertTrue(kernel.tables.getLast().containsAll(MsiRouteTable.irqchipRoutes()), "the irqchip routes stay");
    }

    @Test
    void aSignalIsAnEventfdWriteOnTheVectorsGsi() {
        program(0, 0xfee00000L, 0x4030);
        program(1, 0xfee00000L, 0x4041);
        device.msix.signal(1);
        device.msix.signal(1);
        int gsi = table.gsi("virtio-test", 1);
        assertEquals(List.of("irqfd " + gsi, "signal " + gsi, "signal " + gsi), kernel.events);
        assertEquals(2, kernel.tables.size(), "signals commit nothing new");
    }

    @Test
    void reprogrammingTheTableMovesTheRoute() {
        program(1, 0xfee00000L, 0x4041);
        device.msix.signal(1);
        int gsi = table.gsi("virtio-test", 1);
        // The guest moves the interrupt to another CPU and vector (irq affinity).
        program(1, 0xfee01000L, 0x4052);
        assertEquals(List.of(new GsiRoute.ToMsi(gsi, 0xfee01000L, 0x4052)), kernel.msiRoutes());
        device.msix.signal(1);
        assertEquals(List.of("irqfd " + gsi, "signal " + gsi, "signal " + gsi), kernel.events, "same GSI, same irqfd");
    }

    @Test
    void aMaskedVectorWaitsAndItsPendingMessageUsesTheNewRoute() {
        program(2, 0xfee00000L, 0x4050);
        device.msix.write(16L * 2 + 12, 4, 1);
        device.msix.write(16L * 2 + 8, 4, 0x4060);
        int commits = kernel.tables.size();
        device.msix.signal(2);
        assertTrue(kernel.events.isEmpty(), "masked: pending, not sent " + kernel.events);
        device.msix.write(16L * 2 + 12, 4, 0);
        assertEquals(commits + 1, kernel.tables.size());
        assertEquals(List.of(new GsiRoute.ToMsi(table.gsi("virtio-test", 2), 0xfee00000L, 0x4060)), kernel.msiRoutes());
        assertEquals(List.of("irqfd " + table.gsi("virtio-test", 2), "signal " + table.gsi("virtio-test", 2)), kernel.events);
    }

    @Test
    void devicesGetGsisOfTheirOwn() {
        MsiRouteTable.Trigger unused = null;
        program(0, 0xfee00000L, 0x4030);
        Owner other = new Owner();
        other.msix = MsixCapability.addTo(other, 1, 2, table.sinkFor("virtio-other"));
        other.msix.write(0, 4, 0xfee00000L);
        other.msix.write(8, 4, 0x4031);
        other.msix.write(12, 4, 0);
        assertTrue(table.gsi("virtio-test", 0) != table.gsi("virtio-other", 0));
        assertEquals(2, kernel.msiRoutes().size());
        assertEquals(null, unused);
    }

    @Test
    void closingClosesTheIrqfds() {
        program(0, 0xfee00000L, 0x4030);
        device.msix.signal(0);
        table.close();
        assertEquals("close " + MsiRouteTable.FIRST_MSI_GSI, kernel.events.getLast());
    }
}
