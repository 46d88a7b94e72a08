package dev.jkvm.accel.kvm;

import dev.jkvm.boot.MpTable;
import dev.jkvm.devices.irq.MsiSink;
import dev.jkvm.kvm.GsiRoute;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The VM's GSI routing table with a route per programmed MSI-X vector, as QEMU keeps it: each (device,
 * vector) gets a GSI from 24 up, an MSI route with the vector's message and an irqfd, so a device
 * interrupt is one eventfd write that KVM turns into the message, with no ioctl and no exit.
 *
 * <p>When the guest rewrites a vector's table entry, the route follows: the new message is committed
 * (KVM_SET_GSI_ROUTING, which replaces the whole table, so the irqchip's default routes go with it) when the
 * vector is unmasked, or at the latest when the vector next fires. A message that no route matches (the
 * table changed under a pending interrupt) goes out through KVM_SIGNAL_MSI.
 */
final class MsiRouteTable {
    /** First GSI past the IOAPIC's 24 inputs. */
    static final int FIRST_MSI_GSI = 24;
    /** KVM_MAX_IRQ_ROUTES is 4096; stay well inside it. */
    static final int MAX_MSI_ROUTES = 1024;

    /** What the table needs from KVM; {@link KvmFastPaths} implements it over a VmFd. */
    interface Kernel {
        void setGsiRouting(List<GsiRoute> routes);

        /** An irqfd bound to {@code gsi}. */
        Trigger irqfd(int gsi);

        /** KVM_SIGNAL_MSI. */
        void signalMsi(long address, int data);
    }

    interface Trigger {
        void signal();

        void close();
    }

    private record Key(String device, int vector) {}

    private static final class Route {
        final int gsi;
        long address;
        int data;
        Trigger trigger;

        Route(int gsi) {
            this.gsi = gsi;
        }
    }

    private final Kernel kernel;
    private final Map<Key, Route> routes = new LinkedHashMap<>();
    private int nextGsi = FIRST_MSI_GSI;
    private boolean dirty;
    private long commits;

    MsiRouteTable(Kernel kernel) {
        this.kernel = kernel;
    }

    /**
     * The PC's wiring, as the MP table describes it: ISA IRQs 0-15 to the PICs and the IOAPIC, with the
     * PIT's IRQ 0 on IOAPIC input 2; PCI GSIs 16-23 to the IOAPIC. KVM's default table maps GSI 0 to
     * input 0 instead, where the guest never looks for its timer.
     */
    static List<GsiRoute> irqchipRoutes() {
        List<GsiRoute> routes = new ArrayList<>();
        for (int gsi = 0; gsi < 24; gsi++) {
            if (gsi == 2) continue; // the PIC cascade, not an interrupt source
            routes.add(new GsiRoute.ToIrqchip(gsi, GsiRoute.Irqchip.IOAPIC, gsi < 16 ? MpTable.isaInput(gsi) : gsi));
            if (gsi < 16) {
                routes.add(new GsiRoute.ToIrqchip(gsi, gsi < 8 ? GsiRoute.Irqchip.PIC_MASTER : GsiRoute.Irqchip.PIC_SLAVE, gsi % 8));
            }
        }
        return routes;
    }

    /** The guest changed the vector's table entry; an unmasked vector's route is committed at once. */
    synchronized void vectorChanged(String device, int vector, long address, int data, boolean masked) {
        Route route = route(device, vector);
        if (route == null) return;
        if (route.address != address || route.data != data) {
            route.address = address;
            route.data = data;
            dirty = true;
        }
        if (!masked && dirty && address != 0) commit();
    }

    /** Sends the vector's message: through its irqfd when its route carries that message, else KVM_SIGNAL_MSI. */
    void signal(String device, int vector, long address, int data) {
        Trigger trigger;
        synchronized (this) {
            Route route = route(device, vector);
            if (route == null || address == 0) {
                trigger = null;
            } else {
                if (route.address != address || route.data != data) {
                    route.address = address;
                    route.data = data;
                    dirty = true;
                }
                if (dirty) commit();
                if (route.trigger == null) route.trigger = kernel.irqfd(route.gsi);
                trigger = route.trigger;
            }
        }
        if (trigger != null) trigger.signal();
        else kernel.signalMsi(address, data);
    }

    private Route route(String device, int vector) {
        Key key = new Key(device, vector);
        Route route = routes.get(key);
        if (route == null) {
            if (routes.size() >= MAX_MSI_ROUTES) return null;
            route = new Route(nextGsi++);
            routes.put(key, route);
        }
        return route;
    }

    private void commit() {
        List<GsiRoute> table = irqchipRoutes();
        for (Route r : routes.values()) {
            if (r.address != 0) table.add(new GsiRoute.ToMsi(r.gsi, r.address, r.data));
        }
        kernel.setGsiRouting(table);
        dirty = false;
        commits++;
    }

    /** A device's MSI sink over this table: its vectors' messages go through their routes. */
    MsiSink sinkFor(String device) {
        return new MsiSink() {
            @Override
            public void signal(long address, int data) {
                kernel.signalMsi(address, data);
            }

            @Override
            public void signal(int vector, long address, int data) {
                MsiRouteTable.this.signal(device, vector, address, data);
            }

            @Override
            public void vectorChanged(int vector, long address, int data, boolean masked) {
                MsiRouteTable.this.vectorChanged(device, vector, address, data, masked);
            }
        };
    }

    /** The GSI of a vector's route, or -1. */
    synchronized int gsi(String device, int vector) {
        Route r = routes.get(new Key(device, vector));
        return r == null ? -1 : r.gsi;
    }

    synchronized long commits() {
        return commits;
    }

    synchronized void close() {
        for (Route r : routes.values()) if (r.trigger != null) r.trigger.close();
        routes.clear();
    }
}
