package dev.jkvm.tcg.diff;

/**
 * One generated case: the code bytes at {@link Layout#CODE_BASE}, the initial state and data page,
 * and which RFLAGS bits and FXSAVE bytes the SDM leaves undefined for it.
 */
record TestCase(Form form, byte[] code, MachineState input, byte[] data, long undefinedFlags,
                boolean comparesX87, java.util.Set<Integer> ignoredData) {
}
