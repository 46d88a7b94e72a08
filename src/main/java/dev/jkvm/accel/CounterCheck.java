package dev.jkvm.accel;

/**
 * One comparison of a jkvm exit count with the accelerator's own counter for the same events, for
 * example jkvm's MMIO exits against KVM's mmio_exits. {@code relation} says what must hold: some
 * counters match one for one, others also count events the accelerator handled itself and so may
 * only be larger.
 */
public record CounterCheck(String counter, long jkvm, long accelerator, Relation relation) {
    public enum Relation {
        /** The accelerator counts exactly the exits jkvm saw. */
        EQUAL,
        /** The accelerator also counts events it handled without jkvm. */
        ACCELERATOR_AT_LEAST
    }

    public boolean holds() {
        return switch (relation) {
            case EQUAL -> jkvm == accelerator;
            case ACCELERATOR_AT_LEAST -> accelerator >= jkvm;
        };
    }
}
