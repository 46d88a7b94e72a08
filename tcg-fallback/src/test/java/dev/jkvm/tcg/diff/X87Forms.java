package dev.jkvm.tcg.diff;

import static dev.jkvm.tcg.diff.FormHelpers.NO_PREFIX;
import static dev.jkvm.tcg.diff.FormHelpers.op;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * x87 forms. Every case starts from a random x87 state loaded by FXRSTOR: TOP, a mostly full
 * stack of extended edge values (zeros, denormals and pseudo-denormals, infinities, NaNs,
 * unsupported encodings, range limits, integer boundaries, rounding ties for each precision),
 * all four rounding modes and every precision-control value, sticky flags and condition codes.
 * Most cases mask every exception; some unmask a random subset (so results with ES/B pending and
 * rebiased overflow/underflow results are compared too) and some start with an exception pending
 * (the waiting instructions must fault). The comparison covers FCW, FSW, the abridged tag word and
 * every non-empty register's 80 bits, plus memory. FIP/FDP/FOP/FCS/FDS are not compared
 * (host-specific), and neither are the transcendental instructions (not implemented: #UD).
 */
final class X87Forms {
    private static final Consumer<CaseBuilder> NOTHING = b -> { };
    private static final int BIAS = 16383;

    private X87Forms() {}

    static List<Form> forms() {
        List<Form> f = new ArrayList<>();
        String[] arith = {"fadd", "fmul", "fcom", "fcomp", "fsub", "fsubr", "fdiv", "fdivr"};
        for (int r = 0; r < 8; r++) {
            f.add(memory("d8 " + arith[r] + " m32", 0xd8, r, 4, X87Forms::single));
            f.add(memory("dc " + arith[r] + " m64", 0xdc, r, 8, X87Forms::doubleValue));
            f.add(memory("da fi" + arith[r].substring(1) + " m32", 0xda, r, 4, X87Forms::integer32));
            f.add(memory("de fi" + arith[r].substring(1) + " m16", 0xde, r, 2, X87Forms::integer16));
            f.add(register("d8 " + arith[r] + " st,sti", 0xd8, 0xc0 | r << 3, NOTHING));
            f.add(register("dc " + arith[r] + " sti,st", 0xdc, 0xc0 | r << 3, NOTHING));
            if (r != 3) f.add(register("de " + arith[r] + "p sti,st", 0xde, 0xc0 | r << 3, NOTHING));
        }
        f.add(fixed("de fcompp", 0xde, 0xd9, NOTHING));
        // D9
        f.add(memory("d9 fld m32", 0xd9, 0, 4, X87Forms::single));
        f.add(memory("d9 fst m32", 0xd9, 2, 4, NOTHING_DATA));
        f.add(memory("d9 fstp m32", 0xd9, 3, 4, NOTHING_DATA));
        f.add(environment("d9 fldenv", 0xd9, 4, 4, true));
        f.add(environment("d9 fldenv16", 0xd9, 4, 2, true));
        f.add(memory("d9 fldcw", 0xd9, 5, 2, X87Forms::controlWordData));
        f.add(environment("d9 fnstenv", 0xd9, 6, 4, false));
        f.add(environment("d9 fnstenv16", 0xd9, 6, 2, false));
        f.add(memory("d9 fnstcw", 0xd9, 7, 2, NOTHING_DATA));
        f.add(register("d9 fld sti", 0xd9, 0xc0, NOTHING));
        f.add(register("d9 fxch", 0xd9, 0xc8, NOTHING));
        f.add(register("d9 fstp1 (alias)", 0xd9, 0xd8, NOTHING));
        String[] d9 = {"fchs", "fabs", null, null, "ftst", "fxam", null, null,
                "fld1", "fldl2t", "fldl2e", "fldpi", "fldlg2", "fldln2", "fldz", null,
                null, null, null, null, "fxtract", "fprem1", "fdecstp", "fincstp",
                "fprem", null, "fsqrt", null, "frndint", "fscale", null, null};
        for (int i = 0; i < d9.length; i++) {
            if (d9[i] == null) continue;
            Consumer<CaseBuilder> setup = d9[i].equals("fscale") ? X87Forms::scaleOperands
                    : d9[i].startsWith("fprem") ? X87Forms::remainderOperands : NOTHING;
            f.add(fixed("d9 " + d9[i], 0xd9, 0xe0 + i, setup));
        }
        f.add(fixed("d9 fnop", 0xd9, 0xd0, NOTHING));
        // DA, DB
        String[] cmov = {"fcmovb", "fcmove", "fcmovbe", "fcmovu", "fcmovnb", "fcmovne", "fcmovnbe", "fcmovnu"};
        for (int c = 0; c < 8; c++) f.add(register("d" + (c < 4 ? "a " : "b ") + cmov[c], c < 4 ? 0xda : 0xdb, 0xc0 | (c & 3) << 3, NOTHING));
        f.add(fixed("da fucompp", 0xda, 0xe9, NOTHING));
        f.add(memory("db fild m32", 0xdb, 0, 4, X87Forms::integer32));
        f.add(memory("db fist m32", 0xdb, 2, 4, NOTHING_DATA));
        f.add(memory("db fistp m32", 0xdb, 3, 4, NOTHING_DATA));
        f.add(memory("db fld m80", 0xdb, 5, 10, X87Forms::extendedData));
        f.add(memory("db fstp m80", 0xdb, 7, 10, NOTHING_DATA));
        f.add(fixed("db fnclex", 0xdb, 0xe2, NOTHING));
        f.add(fixed("db fninit", 0xdb, 0xe3, NOTHING));
        f.add(fixed("db fneni (nop)", 0xdb, 0xe0, NOTHING));
        f.add(register("db fucomi", 0xdb, 0xe8, NOTHING));
        f.add(register("db fcomi", 0xdb, 0xf0, NOTHING));
        // DD
        f.add(memory("dd fld m64", 0xdd, 0, 8, X87Forms::doubleValue));
        f.add(memory("dd fst m64", 0xdd, 2, 8, NOTHING_DATA));
        f.add(memory("dd fstp m64", 0xdd, 3, 8, NOTHING_DATA));
        f.add(environment("dd frstor", 0xdd, 4, 4, true));
        f.add(environment("dd fnsave", 0xdd, 6, 4, false));
        f.add(memory("dd fnstsw m16", 0xdd, 7, 2, NOTHING_DATA));
        f.add(register("dd ffree", 0xdd, 0xc0, NOTHING));
        f.add(register("dd fxch4 (alias)", 0xdd, 0xc8, NOTHING));
        f.add(register("dd fst sti", 0xdd, 0xd0, NOTHING));
        f.add(register("dd fstp sti", 0xdd, 0xd8, NOTHING));
        f.add(register("dd fucom", 0xdd, 0xe0, NOTHING));
        f.add(register("dd fucomp", 0xdd, 0xe8, NOTHING));
        // DF
        f.add(memory("df fild m16", 0xdf, 0, 2, X87Forms::integer16));
        f.add(memory("df fist m16", 0xdf, 2, 2, NOTHING_DATA));
        f.add(memory("df fistp m16", 0xdf, 3, 2, NOTHING_DATA));
        f.add(memory("df fbld", 0xdf, 4, 10, X87Forms::bcdData));
        f.add(memory("df fild m64", 0xdf, 5, 8, X87Forms::integer64));
        f.add(memory("df fbstp", 0xdf, 6, 10, NOTHING_DATA));
        f.add(memory("df fistp m64", 0xdf, 7, 8, NOTHING_DATA));
        f.add(register("df ffreep", 0xdf, 0xc0, NOTHING));
        f.add(register("df fxch7 (alias)", 0xdf, 0xc8, NOTHING));
        f.add(register("df fstp8 (alias)", 0xdf, 0xd0, NOTHING));
        f.add(fixed("df fnstsw ax", 0xdf, 0xe0, NOTHING));
        f.add(register("df fucomip", 0xdf, 0xe8, NOTHING));
        f.add(register("df fcomip", 0xdf, 0xf0, NOTHING));
        f.add(new Form("x87 fwait", b -> {
            x87State(b);
            b.emit(0x9b);
        }, true));
        return f;
    }

    // ---- form shapes ----

    /** A memory operand's data: written at the operand's address before the case runs. */
    @FunctionalInterface
    private interface Data {
        void fill(CaseBuilder b, long address);
    }

    private static final Data NOTHING_DATA = (b, address) -> { };

    private static Form memory(String name, int escape, int reg, int size, Data data) {
        return new Form("x87 " + name, b -> {
            x87State(b);
            CaseBuilder.Rm rm = b.memory(size);
            data.fill(b, rm.target);
            b.instruction(NO_PREFIX, 4, op(escape), reg, rm, 0, 0);
        }, true);
    }

    /** ModRM register forms: a random ST(i) in the low three bits. */
    private static Form register(String name, int escape, int modrm, Consumer<CaseBuilder> setup) {
        return new Form("x87 " + name, b -> {
            x87State(b);
            setup.accept(b);
            b.emit(escape, modrm | b.random.nextInt(8));
        }, true);
    }

    private static Form fixed(String name, int escape, int modrm, Consumer<CaseBuilder> setup) {
        return new Form("x87 " + name, b -> {
            x87State(b);
            setup.accept(b);
            b.emit(escape, modrm);
        }, true);
    }

    /**
     * FLDENV/FRSTOR (load: a random environment image) and FNSTENV/FNSAVE (store; the pointer and
     * selector fields are host-specific and not compared).
     */
    private static Form environment(String name, int escape, int reg, int operandSize, boolean load) {
        return new Form("x87 " + name, b -> {
            x87State(b);
            int header = operandSize == 2 ? 14 : 28;
            int size = header + (escape == 0xdd ? 80 : 0);
            CaseBuilder.Rm rm = b.memory(size);
            long at = rm.target;
            int step = operandSize == 2 ? 2 : 4;
            if (load) {
                Random r = b.random;
                int fcw = randomControlWord(r);
                int fsw = randomStatusWord(r, fcw, r.nextInt(8));
                b.writeData(at, 2, fcw);
                b.writeData(at + step, 2, fsw);
                b.writeData(at + 2L * step, 2, r.nextInt(4) == 0 ? 0xffff : r.nextInt(0x10000));
                for (int i = 0; escape == 0xdd && i < 8; i++) {
                    long[] v = extended(r);
                    b.writeData(at + header + 10L * i, 8, v[0]);
                    b.writeData(at + header + 10L * i + 8, 2, v[1]);
                }
            } else {
                b.ignoreData(at + 3L * step, 4 * step); // FIP, FCS/FOP, FDP, FDS
            }
            b.instruction(NO_PREFIX, operandSize, op(escape), reg, rm, 0, 0);
        }, true);
    }

    // ---- memory data ----

    private static void single(CaseBuilder b, long address) {
        b.floatLanes = 4;
        b.writeData(address, 4, b.floatBits());
    }

    private static void doubleValue(CaseBuilder b, long address) {
        b.floatLanes = 8;
        b.writeData(address, 8, b.floatBits());
    }

    private static void integer16(CaseBuilder b, long address) {
        b.writeData(address, 2, b.randomValue());
    }

    private static void integer32(CaseBuilder b, long address) {
        b.writeData(address, 4, b.randomValue());
    }

    private static void integer64(CaseBuilder b, long address) {
        b.writeData(address, 8, b.randomValue());
    }

    private static void extendedData(CaseBuilder b, long address) {
        long[] v = extended(b.random);
        b.writeData(address, 8, v[0]);
        b.writeData(address + 8, 2, v[1]);
    }

    private static void bcdData(CaseBuilder b, long address) {
        long digits = 0;
        for (int i = 0; i < 16; i++) digits |= (long) b.random.nextInt(10) << (4 * i);
        int top = b.random.nextInt(10) | b.random.nextInt(10) << 4;
        b.writeData(address, 8, digits);
        b.writeData(address + 8, 2, top | (b.random.nextBoolean() ? 0x8000 : 0));
    }

    private static void controlWordData(CaseBuilder b, long address) {
        b.writeData(address, 2, b.random.nextInt(4) == 0 ? b.random.nextInt(0x10000) : randomControlWord(b.random));
    }

    // ---- operand shaping ----

    /** FSCALE: ST(1) mostly a modest (possibly fractional) scale. */
    private static void scaleOperands(CaseBuilder b) {
        if (b.random.nextInt(4) == 0) return;
        int n = b.random.nextBoolean() ? b.random.nextInt(200) - 100 : b.random.nextInt(70000) - 35000;
        long[] v = fromLong(n);
        if (b.random.nextInt(4) == 0 && n != 0) v[0] |= 1L << (b.random.nextInt(20)); // a fraction
        setStack(b, 1, v);
    }

    /** FPREM/FPREM1: exponent differences around the 64-bit partial-remainder boundary. */
    private static void remainderOperands(CaseBuilder b) {
        if (b.random.nextInt(3) == 0) return;
        long[] a = {b.random.nextLong() | Long.MIN_VALUE, BIAS + b.random.nextInt(200) - 100 | (b.random.nextBoolean() ? 0x8000 : 0)};
        long[] d = {b.random.nextLong() | Long.MIN_VALUE, (a[1] & 0x7fff) - b.random.nextInt(140) | (b.random.nextBoolean() ? 0x8000 : 0)};
        setStack(b, 0, a);
        setStack(b, 1, d);
    }

    // ---- the x87 state ----

    static int randomControlWord(Random r) {
        int masks = r.nextInt(4) == 0 ? r.nextInt(64) : 0x3f;
        int pc = r.nextInt(8) == 0 ? 1 : new int[] {0, 2, 3, 3}[r.nextInt(4)];
        return 0x40 | masks | pc << 8 | r.nextInt(4) << 10;
    }

    /** Sticky flags (only masked ones unless a pending exception is wanted), random C0..C3, TOP. */
    static int randomStatusWord(Random r, int fcw, int top) {
        int flags = r.nextInt(2) == 0 ? 0 : r.nextInt(128);
        boolean pending = r.nextInt(16) == 0;
        if (!pending) flags &= fcw & 0x3f | 0x40;
        int fsw = flags | (r.nextBoolean() ? 0x100 : 0) | (r.nextBoolean() ? 0x200 : 0)
                | (r.nextBoolean() ? 0x400 : 0) | (r.nextBoolean() ? 0x4000 : 0) | top << 11;
        if ((flags & ~fcw & 0x3f) != 0) fsw |= 0x8080;
        return fsw;
    }

    static void x87State(CaseBuilder b) {
        Random r = b.random;
        b.comparesX87 = true;
        byte[] fx = b.state.fxsave;
        int fcw = randomControlWord(r);
        int top = r.nextInt(8);
        int fsw = randomStatusWord(r, fcw, top);
        fx[0] = (byte) fcw;
        fx[1] = (byte) (fcw >> 8);
        fx[2] = (byte) fsw;
        fx[3] = (byte) (fsw >> 8);
        int emptyChance = r.nextInt(3) == 0 ? 2 : 12;
        int tags = 0;
        for (int p = 0; p < 8; p++) if (r.nextInt(emptyChance) != 0) tags |= 1 << p;
        fx[4] = (byte) tags;
        for (int i = 0; i < 8; i++) setStack(b, i, extended(r));
        if (r.nextInt(4) == 0) { // related operands: equal, negated, or one ulp apart
            long[] st0 = {MachineState.readLong(fx, 32), MachineState.readLong(fx, 40) & 0xffff};
            int which = 1 + r.nextInt(7);
            long[] other = {st0[0] + (r.nextInt(3) - 1), st0[1] ^ (r.nextBoolean() ? 0x8000 : 0)};
            setStack(b, which, other);
        }
        // the flags FCMOVcc and FCOMI leave or read
        b.state.rflags = (b.state.rflags & ~CaseBuilder.ARITHMETIC) | (r.nextLong() & CaseBuilder.ARITHMETIC);
    }

    private static void setStack(CaseBuilder b, int i, long[] v) {
        MachineState.writeLong(b.state.fxsave, 32 + 16 * i, v[0]);
        b.state.fxsave[40 + 16 * i] = (byte) v[1];
        b.state.fxsave[41 + 16 * i] = (byte) (v[1] >> 8);
    }

    private static long[] fromLong(long n) {
        if (n == 0) return new long[] {0, 0};
        long m = Math.abs(n);
        int lz = Long.numberOfLeadingZeros(m);
        return new long[] {m << lz, (BIAS + 63 - lz) | (n < 0 ? 0x8000 : 0)};
    }

    /** A random extended value {significand, sign|exponent} from the edge classes. */
    static long[] extended(Random r) {
        long sign = r.nextBoolean() ? 0x8000 : 0;
        long j = Long.MIN_VALUE;
        long m;
        long e;
        switch (r.nextInt(26)) {
            case 0 -> { m = 0; e = 0; }
            case 1 -> { m = j; e = 0x7fff; }
            case 2 -> { m = j | 1L << 62 | r.nextLong() >>> 2 * r.nextInt(2) & 0x3fffffffffffffffL; e = 0x7fff; }
            case 3 -> { m = j | (r.nextLong() & 0x3fffffffffffffffL | 1); e = 0x7fff; }
            case 4 -> { m = 0xc000000000000000L; e = 0x7fff; sign = 0x8000; }
            case 5 -> { m = r.nextLong() >>> 1 + r.nextInt(62); e = 0; }
            case 6 -> { m = r.nextInt(3) == 0 ? r.nextLong() | j : r.nextLong() & Long.MAX_VALUE; e = r.nextInt(3) == 0 ? 0 : 1 + r.nextInt(0x7fff); }
            case 7 -> { m = -1L; e = 0x7ffe; }
            case 8 -> { m = j; e = 1; }
            case 9 -> {
                long[] v = fromLong(r.nextInt(200) - 100);
                return v;
            }
            case 10, 11 -> {
                long[] bounds = {1L << 15, 1L << 31, Long.MIN_VALUE, 1_000_000_000_000_000_000L, 1L << 62};
                long k = bounds[r.nextInt(bounds.length)];
                int exponent = 63 - Long.numberOfLeadingZeros(k);
                if (k == Long.MIN_VALUE) exponent = 63;
                long base = k == Long.MIN_VALUE ? Long.MIN_VALUE : k << (63 - exponent);
                int fractionBits = Math.min(3, 63 - exponent);
                long delta = (long) (r.nextInt(9) - 4) << (63 - exponent - fractionBits);
                m = base + delta;
                e = BIAS + exponent;
                if (m >= 0) { // went below the power of two: one exponent less
                    m <<= 1;
                    e--;
                }
            }
            case 12 -> {
                long bits = Double.doubleToRawLongBits(r.nextGaussian() * Math.pow(10, r.nextInt(40) - 20));
                m = j | (bits & 0xfffffffffffffL) << 11;
                e = ((bits >>> 52) & 0x7ff) - 1023 + BIAS;
            }
            case 13 -> {
                int bits = Float.floatToRawIntBits((float) r.nextGaussian() * 1000);
                m = j | (long) (bits & 0x7fffff) << 40;
                e = ((bits >>> 23) & 0xff) - 127 + BIAS;
            }
            case 14, 15, 16 -> { m = j | r.nextLong(); e = BIAS + r.nextInt(140) - 70; }
            case 17 -> { m = j | r.nextLong(); e = BIAS + (r.nextBoolean() ? 1 : -1) * (1022 + r.nextInt(90) - 30); }
            case 18 -> { m = j | r.nextLong(); e = BIAS + (r.nextBoolean() ? 1 : -1) * (126 + r.nextInt(60) - 30); }
            case 19 -> { m = j | r.nextLong(); e = 1 + r.nextInt(0x7ffe); }
            case 20 -> { m = j | r.nextLong(); e = 1 + r.nextInt(80); }
            case 21 -> { m = j | r.nextLong(); e = 0x7ffe - r.nextInt(80); }
            case 22, 23 -> { // near a rounding boundary of 24, 53 or 64 bits
                int p = new int[] {24, 53, 64}[r.nextInt(3)];
                long high = j | r.nextLong();
                int low = 64 - p;
                long tail = switch (r.nextInt(4)) {
                    case 0 -> low == 0 ? 0 : 1L << (low - 1);
                    case 1 -> low == 0 ? 1 : (1L << (low - 1)) - 1;
                    case 2 -> low == 0 ? 0 : (1L << (low - 1)) + 1;
                    default -> 0;
                };
                m = low == 0 ? high : (high & (-1L << low)) | tail;
                e = r.nextInt(4) == 0 ? 1 + r.nextInt(70) : BIAS + r.nextInt(40) - 20;
            }
            default -> { m = r.nextLong() | j; e = BIAS + r.nextInt(8) - 4; }
        }
        return new long[] {m, e | sign};
    }
}
