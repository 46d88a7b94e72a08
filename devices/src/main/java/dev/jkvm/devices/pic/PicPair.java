package dev.jkvm.devices.pic;

import dev.jkvm.devices.bus.BusDevice;
import dev.jkvm.devices.bus.ByteWideDevice;
import dev.jkvm.devices.irq.IrqLine;

import java.util.Objects;

/**
 * The PC's two cascaded 8259As: the master at ports 0x20-0x21 serving IRQ0-7, the slave at
 * 0xa0-0xa1 serving IRQ8-15 with its INT output wired to the master's IR2 (sensed as a level, so a
 * slave request withdrawn before the acknowledge leaves nothing pending), and the chipset's edge/level
 * control registers (ELCR) at 0x4d0-0x4d1. The machine registers {@link #master()}, {@link #slave()}
 * and {@link #elcr()} as three windows; the CPU side asks {@link #hasInterrupt()} and runs
 * {@link #acknowledge()}.
 */
public final class PicPair {
    public static final int CASCADE_IRQ = 2;
    /** IRQ0-2 and IRQ8 and IRQ13 are edge-triggered by wiring: their ELCR bits are read-only zero. */
    private static final int MASTER_ELCR_WRITABLE = 0xf8, SLAVE_ELCR_WRITABLE = 0xde;

    private final Pic8259 master = new Pic8259(1 << CASCADE_IRQ);
    private final Pic8259 slave = new Pic8259(0);
    private final BusDevice masterPorts = chipPorts(master);
    private final BusDevice slavePorts = chipPorts(slave);
    private final BusDevice elcrPorts = elcrPorts();
    private final IntOutputListener listener;
    private boolean intAsserted;

    public PicPair(IntOutputListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** The ports at 0x20-0x21. */
    public BusDevice master() {
        return masterPorts;
    }

    /** The ports at 0xa0-0xa1. */
    public BusDevice slave() {
        return slavePorts;
    }

    /** ELCR1 and ELCR2 at 0x4d0-0x4d1: one bit per IRQ, 1 = level-triggered. */
    public BusDevice elcr() {
        return elcrPorts;
    }

    private BusDevice elcrPorts() {
        return new ByteWideDevice() {
            @Override
            public int readByte(int offset) {
                synchronized (PicPair.this) {
                    return switch (offset) {
                        case 0 -> master.elcr();
                        case 1 -> slave.elcr();
                        default -> 0xff;
                    };
                }
            }

            @Override
            public void writeByte(int offset, int value) {
                synchronized (PicPair.this) {
                    if (offset == 0) master.setElcr(value & MASTER_ELCR_WRITABLE);
                    else if (offset == 1) slave.setElcr(value & SLAVE_ELCR_WRITABLE);
                    updateOutputs();
                }
            }
        };
    }

    private BusDevice chipPorts(Pic8259 chip) {
        return new ByteWideDevice() {
            @Override
            public int readByte(int offset) {
                synchronized (PicPair.this) {
                    if (offset > 1) return 0xff;
                    int value = chip.read(offset);
                    updateOutputs();
                    return value;
                }
            }

            @Override
            public void writeByte(int offset, int value) {
                synchronized (PicPair.this) {
                    if (offset > 1) return;
                    chip.write(offset, value);
                    updateOutputs();
                }
            }
        };
    }

    /** The input for ISA IRQ 0-15; IRQ2 is the cascade and has no input of its own. */
    public IrqLine line(int irq) {
        if (irq < 0 || irq > 15 || irq == CASCADE_IRQ) {
            throw new IllegalArgumentException("no PIC input for IRQ " + irq);
        }
        Pic8259 chip = irq < 8 ? master : slave;
        int pin = irq & 7;
        return level -> {
            synchronized (this) {
                chip.setInput(pin, level);
                updateOutputs();
            }
        };
    }

    /** The master's INT output. */
    public synchronized boolean hasInterrupt() {
        return intAsserted;
    }

    /**
     * The INTA cycle: the vector of the highest-priority request, which moves it from IRR to ISR.
     * A request that went away before the acknowledge yields the spurious vector of IR7 (IRQ7, or
     * IRQ15 through the cascade) with nothing put in service on that chip.
     */
    public synchronized int acknowledge() {
        int vector;
        int pin = master.highestRequest();
        if (pin < 0) {
            vector = master.vectorBase() + 7;
        } else {
            master.acknowledge(pin);
            if (pin == CASCADE_IRQ) {
                int slavePin = slave.highestRequest();
                if (slavePin < 0) {
                    vector = slave.vectorBase() + 7;
                } else {
                    slave.acknowledge(slavePin);
                    vector = slave.vectorBase() + slavePin;
                }
            } else {
                vector = master.vectorBase() + pin;
            }
        }
        updateOutputs();
        return vector;
    }

    private void updateOutputs() {
        master.setInput(CASCADE_IRQ, slave.output());
        boolean asserted = master.output();
        if (asserted != intAsserted) {
            intAsserted = asserted;
            listener.intOutputChanged(asserted);
        }
    }
}
