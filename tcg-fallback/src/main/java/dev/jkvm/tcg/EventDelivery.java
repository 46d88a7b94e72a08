package dev.jkvm.tcg;

/**
 * Delivers exceptions and interrupts through the IDT. The system part implements it (real-mode
 * IVT, protected and long mode gates, stack switches, double faults); without it the CPU stops
 * with {@link StopReason#EXCEPTION} and leaves RIP at the faulting instruction.
 */
public interface EventDelivery {
    /** Returns false when the event cannot be delivered and the CPU should stop. */
    boolean deliverException(Cpu cpu, CpuException exception);

    void deliverInterrupt(Cpu cpu, int vector);

    EventDelivery NONE = new EventDelivery() {
        @Override
        public boolean deliverException(Cpu cpu, CpuException exception) {
            return false;
        }

        @Override
        public void deliverInterrupt(Cpu cpu, int vector) {
            throw new IllegalStateException("no IDT delivery: interrupt " + vector + " needs the system part");
        }
    };
}
