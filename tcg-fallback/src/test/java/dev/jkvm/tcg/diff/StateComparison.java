package dev.jkvm.tcg.diff;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/** Compares a native result with the model's: fault kind, GPRs, defined flags, SIMD/x87 state, memory. */
final class StateComparison {
    private static final long COMPARED_FLAGS = CaseBuilder.ARITHMETIC | CaseBuilder.DF;

    private StateComparison() {}

    /** The differences, empty when the model matches the host. */
    static List<String> differences(TestCase c, MachineState expected, MachineState actual) {
        List<String> d = new ArrayList<>();
        if (expected.signal != actual.signal) {
            d.add("signal host=" + expected.signal + " model=" + actual.signal);
            return d;
        }
        java.util.Map<Integer, Byte> host = new java.util.TreeMap<>(expected.memoryChanges);
        java.util.Map<Integer, Byte> model = new java.util.TreeMap<>(actual.memoryChanges);
        host.keySet().removeAll(c.ignoredData());
        model.keySet().removeAll(c.ignoredData());
        if (!Objects.equals(host, model)) {
            java.util.Set<Integer> offsets = new java.util.TreeSet<>(host.keySet());
            offsets.addAll(model.keySet());
            offsets.removeIf(o -> Objects.equals(host.get(o), model.get(o)));
            d.add("memory differs at offsets " + offsets + " host=" + offsets.stream().map(host::get).toList()
                    + " model=" + offsets.stream().map(model::get).toList());
        }
        if (expected.signal != 0) return d;
        for (int i = 0; i < 16; i++) {
            if (expected.gpr[i] != actual.gpr[i]) {
                d.add(String.format("r%d host=%x model=%x", i, expected.gpr[i], actual.gpr[i]));
            }
        }
        long mask = COMPARED_FLAGS & ~c.undefinedFlags();
        if ((expected.rflags & mask) != (actual.rflags & mask)) {
            d.add(String.format("rflags host=%x model=%x (compared %x)", expected.rflags & mask, actual.rflags & mask, mask));
        }
        for (int i = 0; i < 32; i++) {
            long e = MachineState.readLong(expected.fxsave, 160 + 8 * i), a = MachineState.readLong(actual.fxsave, 160 + 8 * i);
            if (e != a) d.add(String.format("xmm%d.%s host=%016x model=%016x", i / 2, i % 2 == 0 ? "lo" : "hi", e, a));
        }
        if (expected.mxcsr() != actual.mxcsr()) {
            d.add(String.format("mxcsr host=%x model=%x", expected.mxcsr(), actual.mxcsr()));
        }
        if (c.comparesX87()) compareX87(expected, actual, d);
        return d;
    }

    /** FCW, FSW (condition codes included), tags, and every non-empty ST(i) as 80-bit values. */
    private static void compareX87(MachineState expected, MachineState actual, List<String> d) {
        int ew = word(expected.fxsave, 0), aw = word(actual.fxsave, 0);
        if (ew != aw) d.add(String.format("fcw host=%x model=%x", ew, aw));
        int es = word(expected.fxsave, 2), as = word(actual.fxsave, 2);
        if (es != as) d.add(String.format("fsw host=%x model=%x", es, as));
        int tags = expected.fxsave[4] & 0xff;
        if (tags != (actual.fxsave[4] & 0xff)) d.add(String.format("ftw host=%x model=%x", tags, actual.fxsave[4] & 0xff));
        int top = (es >> 11) & 7;
        for (int i = 0; i < 8; i++) {
            if ((tags & (1 << ((top + i) & 7))) == 0) continue;
            long em = MachineState.readLong(expected.fxsave, 32 + 16 * i), am = MachineState.readLong(actual.fxsave, 32 + 16 * i);
            int ee = word(expected.fxsave, 40 + 16 * i), ae = word(actual.fxsave, 40 + 16 * i);
            if (em != am || ee != ae) d.add(String.format("st%d host=%04x:%016x model=%04x:%016x", i, ee, em, ae, am));
        }
    }

    private static int word(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    /** FCW, FSW, FTW and ST0..ST7 of a state. */
    static String describeX87(MachineState s) {
        StringBuilder b = new StringBuilder(String.format("fcw=%04x fsw=%04x ftw=%02x", word(s.fxsave, 0), word(s.fxsave, 2),
                s.fxsave[4] & 0xff));
        for (int i = 0; i < 8; i++) {
            b.append(String.format(" st%d=%04x:%016x", i, word(s.fxsave, 40 + 16 * i), MachineState.readLong(s.fxsave, 32 + 16 * i)));
        }
        return b.toString();
    }

    static String describe(TestCase c) {
        return c.form().name() + " [" + HexFormat.ofDelimiter(" ").formatHex(c.code()) + "] mxcsr="
                + Integer.toHexString(c.input().mxcsr()) + (c.comparesX87() ? "\n    x87 input " + describeX87(c.input()) : "")
                + "\n    input " + c.input();
    }
}
