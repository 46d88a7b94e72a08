package dev.jkvm.tcg.exec;

import dev.jkvm.tcg.Cpu;
import dev.jkvm.tcg.CpuException;
import dev.jkvm.tcg.decode.Insn;
import dev.jkvm.tcg.exec.ExtendedReal.Context;
import dev.jkvm.tcg.exec.ExtendedReal.Format;
import dev.jkvm.tcg.state.Flags;
import dev.jkvm.tcg.state.X87State;

import java.math.BigInteger;

/**
 * x87 instructions without a memory operand: register arithmetic and compares, FCOMI/FUCOMI,
 * FCMOVcc, FXCH, FST/FSTP ST(i), FFREE(P), the D9 group (FCHS, FABS, FTST, FXAM, constants,
 * FXTRACT, FPREM/FPREM1, FSQRT, FRNDINT, FSCALE, FINCSTP/FDECSTP) and FNINIT/FNCLEX/FNSTSW AX.
 * The transcendental instructions (F2XM1, FYL2X, FPTAN, FPATAN, FYL2XP1, FSINCOS, FSIN, FCOS)
 * are not implemented and raise #UD rather than return approximate results.
 */
final class X87Registers {
    /** The constants as 128-bit significands (leading bit 127) with their exponents; all irrational. */
    private static final BigInteger[] CONSTANT_BITS = {
            new BigInteger("d49a784bcd1b8afe492bf6ff4dafdb4c", 16), // log2(10)
            new BigInteger("b8aa3b295c17f0bbbe87fed0691d3e88", 16), // log2(e)
            new BigInteger("c90fdaa22168c234c4c6628b80dc1cd1", 16), // pi
            new BigInteger("9a209a84fbcff7988f8959ac0b7c9178", 16), // log10(2)
            new BigInteger("b17217f7d1cf79abc9e3b39803f2f6af", 16), // ln(2)
    };
    private static final int[] CONSTANT_EXPONENT = {1, 0, 1, -2, -1};

    private X87Registers() {}

    static void execute(Cpu cpu, X87State x, int escape, int modrm, Insn insn) {
        int r = (modrm >> 3) & 7, i = modrm & 7;
        boolean control = (escape == 3 && modrm >= 0xe0 && modrm <= 0xe4) || (escape == 7 && modrm == 0xe0);
        switch (escape) {
            case 0 -> {
                if (r == 2 || r == 3) compare(x, i, false, r == 3 ? 1 : 0);
                else arithmetic(x, r, 0, i, r == 5 || r == 7, false);
            }
            case 4 -> {
                if (r == 2 || r == 3) compare(x, i, false, r == 3 ? 1 : 0);
                else arithmetic(x, r, i, i, r == 0 || r == 1 || r == 5 || r == 7, false);
            }
            case 6 -> {
                if (r == 2) compare(x, i, false, 1);
                else if (r == 3) compare(x, 1, false, 2); // FCOMPP
                else arithmetic(x, r, i, i, r == 0 || r == 1 || r == 5 || r == 7, true);
            }
            case 1 -> groupD9(cpu, x, r, i);
            case 2 -> {
                if (r < 4) conditionalMove(cpu, x, r, false, i);
                else compare(x, 1, true, 2); // FUCOMPP
            }
            case 3 -> {
                if (r < 4) conditionalMove(cpu, x, r, true, i);
                else if (modrm == 0xe2) x.statusWord &= ~(X87State.EXCEPTIONS | X87State.SF | X87State.ES | X87State.BUSY);
                else if (modrm == 0xe3) x.reset();
                else if (r >= 5) compareToEflags(cpu, x, i, r == 5, false);
                // E0, E1, E4 (FNENI, FNDISI, FNSETPM) do nothing on a 387 or later
            }
            case 5 -> {
                switch (r) {
                    case 0 -> {
                        x.empty[x.physical(i)] = true;
                        X87.setC1(x, false);
                    }
                    case 1 -> exchange(x, i);
                    case 2, 3 -> storeRegister(x, i, r == 3);
                    default -> compare(x, i, true, r == 5 ? 1 : 0);
                }
            }
            default -> {
                switch (r) {
                    case 0 -> {
                        x.empty[x.physical(i)] = true;
                        X87.setC1(x, false);
                        X87.pop(x);
                    }
                    case 1 -> exchange(x, i);
                    case 2, 3 -> storeRegister(x, i, true);
                    case 4 -> Operands.writeGpr(cpu.state, 0, 2, x.statusWordWithTop());
                    default -> compareToEflags(cpu, x, i, r == 5, true);
                }
            }
        }
        if (!control) X87.recordLast(cpu, x, insn, escape, modrm, x.lastDataPointer);
    }

    // ---- arithmetic and compares ----

    /**
     * ST(dest) = a op b where a is ST(0) and b ST(i), swapped when reverse (the SUBR/DIVR forms,
     * and DC/DE's encodings whose destination is ST(i)).
     */
    private static void arithmetic(X87State x, int r, int dest, int i, boolean reverse, boolean pop) {
        if (X87.isEmpty(x, 0) || X87.isEmpty(x, i)) {
            if (X87.underflow(x)) {
                X87.set(x, dest, ExtendedReal.INDEFINITE);
                if (pop) X87.pop(x);
            }
            return;
        }
        Context c = new Context(x.controlWord);
        ExtendedReal a = X87.st(x, 0), b = X87.st(x, i);
        if (reverse) {
            ExtendedReal t = a;
            a = b;
            b = t;
        }
        int op = r == 5 ? X87Arithmetic.SUB : r == 7 ? X87Arithmetic.DIV : r;
        ExtendedReal result = X87Arithmetic.binary(op, a, b, c);
        if (X87.suppressed(x, c)) {
            X87.commitSuppressed(x, c);
            return;
        }
        X87.set(x, dest, result);
        X87.commit(x, c, c.roundedUp);
        if (pop) X87.pop(x);
    }

    /** FCOM-style compare of ST(0) with ST(i) into C3/C2/C0, then pops. */
    private static void compare(X87State x, int i, boolean quiet, int pops) {
        if (X87.isEmpty(x, i)) {
            boolean masked = X87.underflow(x);
            finishCompare(x, 3, masked ? pops : 0);
            return;
        }
        compareToConditions(x, 0, X87.st(x, i), quiet, new Context(x.controlWord), pops);
    }

    /** Compares ST(index) with b: C3, C2, C0 = 000 greater, 001 less, 100 equal, 111 unordered; C1 = 0. */
    static void compareToConditions(X87State x, int index, ExtendedReal b, boolean quiet, Context c, int pops) {
        if (X87.isEmpty(x, index)) {
            boolean masked = X87.underflow(x);
            finishCompare(x, 3, masked ? pops : 0);
            return;
        }
        // compares write no register: even unmasked exceptions set the condition codes (but do not pop)
        int result = X87Arithmetic.compare(X87.st(x, index), b, quiet, c);
        X87.commit(x, c, false);
        finishCompare(x, result, X87.suppressed(x, c) ? 0 : pops);
    }

    private static void finishCompare(X87State x, int result, int pops) {
        X87.setConditions(x, result == 2 || result == 3, result == 3, false, result == 1 || result == 3);
        for (int p = 0; p < pops; p++) X87.pop(x);
    }

    /** FCOMI/FUCOMI(P): ZF, PF, CF as C3, C2, C0 would be; OF, SF, AF cleared. */
    private static void compareToEflags(Cpu cpu, X87State x, int i, boolean quiet, boolean pop) {
        int result;
        if (X87.isEmpty(x, 0) || X87.isEmpty(x, i)) {
            if (!X87.underflow(x)) pop = false;
            result = 3;
        } else {
            Context c = new Context(x.controlWord);
            result = X87Arithmetic.compare(X87.st(x, 0), X87.st(x, i), quiet, c);
            x.statusWord |= c.flags; // C1 is left alone
            x.updateSummary();
            if (X87.suppressed(x, c)) pop = false;
        }
        long flags = switch (result) {
            case 0 -> 0;
            case 1 -> Flags.CF;
            case 2 -> Flags.ZF;
            default -> Flags.ZF | Flags.PF | Flags.CF;
        };
        cpu.state.setArithmeticFlags(flags);
        if (pop) X87.pop(x);
    }

    private static void conditionalMove(Cpu cpu, X87State x, int condition, boolean negate, int i) {
        long f = cpu.state.rflags();
        boolean taken = switch (condition) {
            case 0 -> (f & Flags.CF) != 0;
            case 1 -> (f & Flags.ZF) != 0;
            case 2 -> (f & (Flags.CF | Flags.ZF)) != 0;
            default -> (f & Flags.PF) != 0;
        };
        if (X87.isEmpty(x, 0) || X87.isEmpty(x, i)) {
            if (X87.underflow(x)) X87.set(x, 0, ExtendedReal.INDEFINITE);
            return;
        }
        if (taken != negate) X87.set(x, 0, X87.st(x, i)); // C1 is left alone
    }

    private static void exchange(X87State x, int i) {
        if (X87.isEmpty(x, 0) || X87.isEmpty(x, i)) {
            if (!X87.underflow(x)) return;
            if (X87.isEmpty(x, 0)) X87.set(x, 0, ExtendedReal.INDEFINITE);
            if (X87.isEmpty(x, i)) X87.set(x, i, ExtendedReal.INDEFINITE);
        } else {
            X87.setC1(x, false);
        }
        ExtendedReal t = X87.st(x, 0);
        X87.set(x, 0, X87.st(x, i));
        X87.set(x, i, t);
    }

    /** FST/FSTP ST(i): a raw copy (no exceptions but stack underflow). */
    private static void storeRegister(X87State x, int i, boolean pop) {
        ExtendedReal v;
        if (X87.isEmpty(x, 0)) {
            if (!X87.underflow(x)) return;
            v = ExtendedReal.INDEFINITE;
        } else {
            v = X87.st(x, 0);
            X87.setC1(x, false);
        }
        X87.set(x, i, v);
        if (pop) X87.pop(x);
    }

    // ---- D9 ----

    private static void groupD9(Cpu cpu, X87State x, int r, int i) {
        switch (r) {
            case 0 -> {
                if (X87.isEmpty(x, i)) { // underflow wins over a simultaneous overflow
                    if (X87.underflow(x)) X87.push(x, ExtendedReal.INDEFINITE);
                    return;
                }
                X87.load(x, X87.st(x, i), new Context(x.controlWord));
            }
            case 1 -> exchange(x, i);
            case 2 -> { } // FNOP
            case 3 -> { // FSTP1, the undocumented alias: an empty ST(0) is popped without a stack fault
                if (X87.isEmpty(x, 0)) {
                    X87.setC1(x, false);
                    X87.pop(x);
                } else {
                    storeRegister(x, i, true);
                }
            }
            case 4 -> {
                switch (i) {
                    case 0, 1 -> {
                        if (X87.isEmpty(x, 0)) {
                            if (X87.underflow(x)) X87.set(x, 0, ExtendedReal.INDEFINITE);
                            return;
                        }
                        ExtendedReal v = X87.st(x, 0);
                        X87.set(x, 0, i == 0 ? v.negate() : v.abs());
                        X87.setC1(x, false);
                    }
                    case 4 -> compareToConditions(x, 0, ExtendedReal.POSITIVE_ZERO, false, new Context(x.controlWord), 0);
                    default -> examine(x);
                }
            }
            case 5 -> loadConstant(x, i);
            case 6 -> {
                switch (i) {
                    case 4 -> extract(x);
                    case 5 -> remainder(x, true);
                    case 6, 7 -> {
                        x.top = (x.top + (i == 6 ? -1 : 1)) & 7;
                        X87.setC1(x, false);
                    }
                    default -> throw CpuException.undefinedOpcode(); // F2XM1, FYL2X, FPTAN, FPATAN
                }
            }
            default -> {
                switch (i) {
                    case 0 -> remainder(x, false);
                    case 2 -> unary(x, 2);
                    case 4 -> unary(x, 4);
                    case 5 -> scale(x);
                    default -> throw CpuException.undefinedOpcode(); // FYL2XP1, FSINCOS, FSIN, FCOS
                }
            }
        }
    }

    /** FXAM: C3, C2, C0 classify ST(0); C1 is its sign. */
    private static void examine(X87State x) {
        ExtendedReal v = X87.st(x, 0);
        int c320;
        if (X87.isEmpty(x, 0)) c320 = 0b101;
        else if (v.isUnsupported()) c320 = 0b000;
        else if (v.isNaN()) c320 = 0b001;
        else if (v.isInfinity()) c320 = 0b011;
        else if (v.isZero()) c320 = 0b100;
        else if (v.isDenormal()) c320 = 0b110;
        else c320 = 0b010;
        X87.setConditions(x, (c320 & 4) != 0, (c320 & 2) != 0, v.negative(), (c320 & 1) != 0);
    }

    /** FLD1, FLDL2T, FLDL2E, FLDPI, FLDLG2, FLDLN2, FLDZ: rounded under FCW.RC, without PE. */
    private static void loadConstant(X87State x, int i) {
        ExtendedReal v;
        if (i == 0) {
            v = ExtendedReal.ONE;
        } else if (i == 6) {
            v = ExtendedReal.POSITIVE_ZERO;
        } else if (i == 7) {
            throw CpuException.undefinedOpcode();
        } else {
            Context rounding = new Context(x.controlWord);
            v = rounding.round(false, CONSTANT_BITS[i - 1], CONSTANT_EXPONENT[i - 1] - 127, true, Format.EXTENDED, 64, true);
        }
        X87.load(x, v, new Context(x.controlWord));
    }

    /** FSQRT (2) and FRNDINT (4) on ST(0). */
    private static void unary(X87State x, int which) {
        if (X87.isEmpty(x, 0)) {
            if (X87.underflow(x)) X87.set(x, 0, ExtendedReal.INDEFINITE);
            return;
        }
        Context c = new Context(x.controlWord);
        ExtendedReal v = X87.st(x, 0);
        ExtendedReal result = which == 2 ? X87Arithmetic.sqrt(v, c) : X87Arithmetic.roundToInteger(v, c);
        if (X87.suppressed(x, c)) {
            X87.commitSuppressed(x, c);
            return;
        }
        X87.set(x, 0, result);
        X87.commit(x, c, c.roundedUp);
    }

    /** FXTRACT: ST(0) becomes the exponent, then the significand (exponent 0, sign kept) is pushed. */
    private static void extract(X87State x) {
        if (X87.isEmpty(x, 0)) {
            if (X87.underflow(x)) {
                X87.set(x, 0, ExtendedReal.INDEFINITE);
                X87.push(x, ExtendedReal.INDEFINITE);
            }
            return;
        }
        if (X87.pushOverflows(x)) {
            if (X87.overflow(x)) {
                X87.set(x, 0, ExtendedReal.INDEFINITE);
                X87.push(x, ExtendedReal.INDEFINITE);
            }
            return;
        }
        Context c = new Context(x.controlWord);
        ExtendedReal v = X87.st(x, 0);
        ExtendedReal exponent, significand;
        ExtendedReal special = X87Arithmetic.special(v, null, c);
        if (special != null) {
            exponent = significand = special;
        } else if (v.isZero()) {
            c.flags |= Context.ZE;
            exponent = ExtendedReal.infinity(true);
            significand = v;
        } else if (v.isInfinity()) {
            exponent = ExtendedReal.infinity(false);
            significand = v;
        } else {
            X87Arithmetic.checkDenormal(v, c);
            exponent = ExtendedReal.fromLong(v.leadingExponent());
            long normalized = v.significand << Long.numberOfLeadingZeros(v.significand);
            significand = new ExtendedReal((v.negative() ? 0x8000 : 0) | ExtendedReal.BIAS, normalized);
        }
        if (X87.suppressed(x, c)) {
            X87.commitSuppressed(x, c);
            return;
        }
        X87.set(x, 0, exponent);
        X87.push(x, significand);
        X87.commit(x, c, false);
    }

    /** FPREM (truncating quotient) and FPREM1 (IEEE, nearest-even quotient); partial when the exponents differ by 64 or more. */
    private static void remainder(X87State x, boolean ieee) {
        if (X87.isEmpty(x, 0) || X87.isEmpty(x, 1)) {
            x.statusWord &= ~X87State.C2;
            if (X87.underflow(x)) X87.set(x, 0, ExtendedReal.INDEFINITE);
            return;
        }
        Context c = new Context(x.controlWord);
        ExtendedReal a = X87.st(x, 0), b = X87.st(x, 1);
        ExtendedReal result = X87Arithmetic.special(a, b, c);
        long quotient = 0;
        boolean partial = false;
        if (result == null) {
            if (a.isInfinity() || b.isZero()) {
                result = c.invalid();
            } else {
                X87Arithmetic.checkDenormal(a, c);
                X87Arithmetic.checkDenormal(b, c);
                if (b.isInfinity() || a.isZero()) {
                    result = a;
                } else {
                    int d = a.leadingExponent() - b.leadingExponent();
                    int e0 = Math.min(a.exp2(), b.exp2());
                    BigInteger ma = a.magnitude().shiftLeft(a.exp2() - e0);
                    BigInteger mb = b.magnitude().shiftLeft(b.exp2() - e0);
                    boolean negative = a.negative();
                    BigInteger rem;
                    if (d < 64) {
                        BigInteger[] qr = ma.divideAndRemainder(mb);
                        BigInteger q = qr[0];
                        rem = qr[1];
                        if (ieee) {
                            int twice = rem.shiftLeft(1).compareTo(mb);
                            if (twice > 0 || (twice == 0 && q.testBit(0))) {
                                q = q.add(BigInteger.ONE);
                                rem = mb.subtract(rem);
                                negative = !negative;
                            }
                        }
                        quotient = q.longValue();
                    } else {
                        partial = true;
                        int n = 32 + (d % 32);
                        BigInteger[] qr = ma.divideAndRemainder(mb.shiftLeft(d - n));
                        rem = qr[1];
                        quotient = 0; // a partial remainder reports C0 = C3 = C1 = 0
                    }
                    result = rem.signum() == 0 ? ExtendedReal.zero(a.negative())
                            : c.round(negative, rem, e0, false, Format.EXTENDED, 64, true);
                }
            }
        }
        if (X87.suppressed(x, c)) {
            x.statusWord &= ~X87State.C2;
            X87.commitSuppressed(x, c);
            return;
        }
        X87.set(x, 0, result);
        x.statusWord |= c.flags;
        x.updateSummary();
        if ((c.flags & (Context.IE | Context.ZE)) != 0 || result.isNaN()) {
            // NaN operands and invalid operations leave C0 and C3
            x.statusWord &= ~(X87State.C1 | X87State.C2);
        } else {
            X87.setConditions(x, (quotient & 2) != 0, partial, (quotient & 1) != 0, (quotient & 4) != 0);
        }
    }

    /** FSCALE: ST(0) * 2^trunc(ST(1)). */
    private static void scale(X87State x) {
        if (X87.isEmpty(x, 0) || X87.isEmpty(x, 1)) {
            if (X87.underflow(x)) X87.set(x, 0, ExtendedReal.INDEFINITE);
            return;
        }
        Context c = new Context(x.controlWord);
        ExtendedReal a = X87.st(x, 0), b = X87.st(x, 1);
        ExtendedReal result = X87Arithmetic.special(a, b, c);
        if (result == null) {
            if (b.isInfinity()) {
                if (b.negative() ? a.isInfinity() : a.isZero()) {
                    result = c.invalid();
                } else {
                    X87Arithmetic.checkDenormal(a, c);
                    result = b.negative() ? ExtendedReal.zero(a.negative()) : ExtendedReal.infinity(a.negative());
                }
            } else {
                X87Arithmetic.checkDenormal(a, c);
                X87Arithmetic.checkDenormal(b, c);
                if (a.isInfinity() || a.isZero()) {
                    result = a;
                } else {
                    long n;
                    if (b.isZero() || b.leadingExponent() < 0) {
                        n = 0;
                    } else if (b.leadingExponent() > 30) {
                        n = 1L << 30;
                    } else {
                        n = b.magnitude().shiftRight(-b.exp2()).longValue();
                    }
                    n = Math.min(n, 1 << 20); // beyond any overflow or underflow
                    if (b.negative()) n = -n;
                    result = c.round(a.negative(), a.magnitude(), (int) (a.exp2() + n), false, Format.EXTENDED, 64, true);
                }
            }
        }
        if (X87.suppressed(x, c)) {
            X87.commitSuppressed(x, c);
            return;
        }
        X87.set(x, 0, result);
        X87.commit(x, c, c.roundedUp);
    }
}
