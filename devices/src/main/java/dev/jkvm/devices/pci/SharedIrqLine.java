package dev.jkvm.devices.pci;

import dev.jkvm.devices.irq.IrqLine;

/** A level-triggered line several INTx pins drive: asserted while any of them is. */
final class SharedIrqLine {
    private final IrqLine output;
    private int assertedInputs;

    SharedIrqLine(IrqLine output) {
        this.output = output;
    }

    IrqLine newInput() {
        return new IrqLine() {
            private boolean high;

            @Override
            public void set(boolean level) {
                synchronized (SharedIrqLine.this) {
                    if (level == high) return;
                    high = level;
                    assertedInputs += level ? 1 : -1;
                    if (assertedInputs == (level ? 1 : 0)) output.set(level);
                }
            }
        };
    }
}
