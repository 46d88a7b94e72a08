package dev.jkvm.tcg.exec;

import dev.jkvm.tcg.Cpu;
import dev.jkvm.tcg.decode.Insn;
import dev.jkvm.tcg.decode.SseKind;
import dev.jkvm.tcg.decode.VectorIntOp;
import dev.jkvm.tcg.state.Width;

/** SSE2 integer operations on XMM registers: lane-wise arithmetic, shifts, shuffles, packs, unpacks. */
final class SseInteger {
    private SseInteger() {}

    static void arithmetic(Cpu cpu, Insn insn) {
        VectorIntOp op = VectorIntOp.of(insn.sub);
        long[] src = SseOperands.read(cpu, insn.src, true);
        int d = insn.dst.reg;
        SseOperands.set(cpu, d, qword(op, SseOperands.low(cpu, d), src[0]), qword(op, SseOperands.high(cpu, d), src[1]));
    }

    private static long qword(VectorIntOp op, long a, long b) {
        switch (op) {
            case PAND: return a & b;
            case PANDN: return ~a & b;
            case POR: return a | b;
            case PXOR: return a ^ b;
            case PADDQ: return a + b;
            case PSUBQ: return a - b;
            case PMULUDQ: return (a & 0xffffffffL) * (b & 0xffffffffL);
            case PSADBW: {
                long sum = 0;
                for (int i = 0; i < 64; i += 8) sum += Math.abs(((a >>> i) & 0xff) - ((b >>> i) & 0xff));
                return sum;
            }
            default: break;
        }
        int bits = op.laneBytes * 8;
        long mask = Width.mask(op.laneBytes);
        long result = 0;
        for (int i = 0; i < 64; i += bits) {
            result |= (lane(op, (a >>> i) & mask, (b >>> i) & mask, op.laneBytes) & mask) << i;
        }
        return result;
    }

    /** One lane; a and b are zero-extended lane values. */
    private static long lane(VectorIntOp op, long a, long b, int size) {
        long sa = Width.signExtend(a, size), sb = Width.signExtend(b, size);
        long max = Width.mask(size), signedMax = max >>> 1, signedMin = -signedMax - 1;
        return switch (op) {
            case PADDB, PADDW, PADDD -> a + b;
            case PSUBB, PSUBW, PSUBD -> a - b;
            case PADDSB, PADDSW -> Math.clamp(sa + sb, signedMin, signedMax);
            case PADDUSB, PADDUSW -> Math.min(a + b, max);
            case PSUBSB, PSUBSW -> Math.clamp(sa - sb, signedMin, signedMax);
            case PSUBUSB, PSUBUSW -> Math.max(a - b, 0);
            case PCMPEQB, PCMPEQW, PCMPEQD -> a == b ? -1 : 0;
            case PCMPGTB, PCMPGTW, PCMPGTD -> sa > sb ? -1 : 0;
            case PMINUB -> Math.min(a, b);
            case PMAXUB -> Math.max(a, b);
            case PMINSW -> Math.min(sa, sb);
            case PMAXSW -> Math.max(sa, sb);
            case PAVGB, PAVGW -> (a + b + 1) >> 1;
            case PMULLW -> a * b;
            case PMULHW -> (sa * sb) >> 16;
            case PMULHUW -> (a * b) >>> 16;
            case PMADDWD -> (long) (short) a * (short) b + (long) (short) (a >>> 16) * (short) (b >>> 16);
            default -> throw new IllegalStateException(op.name());
        };
    }

    static void shiftByOperand(Cpu cpu, Insn insn) {
        long count = SseOperands.read(cpu, insn.src, true)[0];
        shift(cpu, insn.dst.reg, insn.sub, count);
    }

    static void shiftByImmediate(Cpu cpu, Insn insn) {
        shift(cpu, insn.dst.reg, insn.sub, insn.src.value);
    }

    private static void shift(Cpu cpu, int reg, int sub, long count) {
        int kind = sub >> 4, laneBytes = sub & 0xf;
        long low = SseOperands.low(cpu, reg), high = SseOperands.high(cpu, reg);
        if (kind == SseKind.BYTES_LEFT || kind == SseKind.BYTES_RIGHT) {
            int bits = (int) Math.min(count, 16) * 8;
            if (bits >= 128) {
                SseOperands.set(cpu, reg, 0, 0);
            } else if (kind == SseKind.BYTES_LEFT) {
                SseOperands.set(cpu, reg, bits >= 64 ? 0 : low << bits,
                        bits >= 64 ? low << (bits - 64) : bits == 0 ? high : (high << bits) | (low >>> (64 - bits)));
            } else {
                SseOperands.set(cpu, reg, bits >= 64 ? high >>> (bits - 64) : bits == 0 ? low : (low >>> bits) | (high << (64 - bits)),
                        bits >= 64 ? 0 : high >>> bits);
            }
            return;
        }
        SseOperands.set(cpu, reg, shiftLanes(low, kind, laneBytes, count), shiftLanes(high, kind, laneBytes, count));
    }

    /** Counts beyond the lane width clear the lane (or fill it with the sign for arithmetic shifts). */
    private static long shiftLanes(long q, int kind, int laneBytes, long count) {
        int bits = laneBytes * 8;
        long mask = Width.mask(laneBytes);
        boolean tooFar = Long.compareUnsigned(count, bits - 1) > 0;
        int n = (int) count;
        long result = 0;
        for (int i = 0; i < 64; i += bits) {
            long lane = (q >>> i) & mask;
            long shifted = switch (kind) {
                case SseKind.SHIFT_LEFT -> tooFar ? 0 : lane << n;
                case SseKind.SHIFT_RIGHT -> tooFar ? 0 : lane >>> n;
                default -> Width.signExtend(lane, laneBytes) >> (tooFar ? bits - 1 : n);
            };
            result |= (shifted & mask) << i;
        }
        return result;
    }

    static void shuffle(Cpu cpu, Insn insn) {
        int imm = (int) insn.src2.value;
        int d = insn.dst.reg;
        long[] src = SseOperands.read(cpu, insn.src, true);
        switch (insn.sub) {
            case SseKind.PSHUFD -> {
                int[] s = dwords(src[0], src[1]);
                SseOperands.set(cpu, d, pair(s[imm & 3], s[(imm >> 2) & 3]), pair(s[(imm >> 4) & 3], s[(imm >> 6) & 3]));
            }
            case SseKind.PSHUFLW -> SseOperands.set(cpu, d, shuffleWords(src[0], imm), src[1]);
            case SseKind.PSHUFHW -> SseOperands.set(cpu, d, src[0], shuffleWords(src[1], imm));
            case SseKind.SHUFPS -> {
                int[] a = dwords(SseOperands.low(cpu, d), SseOperands.high(cpu, d));
                int[] s = dwords(src[0], src[1]);
                SseOperands.set(cpu, d, pair(a[imm & 3], a[(imm >> 2) & 3]), pair(s[(imm >> 4) & 3], s[(imm >> 6) & 3]));
            }
            default -> { // SHUFPD
                long low = (imm & 1) == 0 ? SseOperands.low(cpu, d) : SseOperands.high(cpu, d);
                SseOperands.set(cpu, d, low, (imm & 2) == 0 ? src[0] : src[1]);
            }
        }
    }

    private static long shuffleWords(long q, int imm) {
        long result = 0;
        for (int i = 0; i < 4; i++) result |= ((q >>> (16 * ((imm >> (2 * i)) & 3))) & 0xffff) << (16 * i);
        return result;
    }

    private static int[] dwords(long low, long high) {
        return new int[] {(int) low, (int) (low >>> 32), (int) high, (int) (high >>> 32)};
    }

    private static long pair(int low, int high) {
        return (low & 0xffffffffL) | ((long) high << 32);
    }

    /** PUNPCKL/H*, UNPCKL/HPS/PD: interleave lanes of one half of dst and src. */
    static void unpack(Cpu cpu, Insn insn) {
        int laneBytes = insn.sub >> 1;
        boolean high = (insn.sub & 1) != 0;
        int d = insn.dst.reg;
        long[] src = SseOperands.read(cpu, insn.src, true);
        long a = high ? SseOperands.high(cpu, d) : SseOperands.low(cpu, d);
        long b = high ? src[1] : src[0];
        if (laneBytes == 8) {
            SseOperands.set(cpu, d, a, b);
            return;
        }
        int bits = laneBytes * 8;
        long mask = Width.mask(laneBytes);
        long[] out = new long[2];
        int position = 0;
        for (int i = 0; i < 64; i += bits) {
            for (long source : new long[] {a, b}) {
                out[position / 64] |= ((source >>> i) & mask) << (position % 64);
                position += bits;
            }
        }
        SseOperands.set(cpu, d, out[0], out[1]);
    }

    /** PACKSSWB, PACKUSWB, PACKSSDW: saturate dst's lanes then src's into half-width lanes. */
    static void pack(Cpu cpu, Insn insn) {
        int d = insn.dst.reg;
        long[] src = SseOperands.read(cpu, insn.src, true);
        int inBytes = insn.sub == SseKind.PACKSSDW ? 4 : 2;
        int outBytes = inBytes / 2;
        long min = insn.sub == SseKind.PACKUSWB ? 0 : -(Width.mask(outBytes) >>> 1) - 1;
        long max = insn.sub == SseKind.PACKUSWB ? Width.mask(outBytes) : Width.mask(outBytes) >>> 1;
        long[] in = {SseOperands.low(cpu, d), SseOperands.high(cpu, d), src[0], src[1]};
        long[] out = new long[2];
        int position = 0;
        for (long q : in) {
            for (int i = 0; i < 64; i += inBytes * 8) {
                long value = Math.clamp(Width.signExtend(q >>> i, inBytes), min, max) & Width.mask(outBytes);
                out[position / 64] |= value << (position % 64);
                position += outBytes * 8;
            }
        }
        SseOperands.set(cpu, d, out[0], out[1]);
    }

    static void insertWord(Cpu cpu, Insn insn) {
        int index = (int) insn.src2.value;
        long value = SseOperands.read(cpu, insn.src, false)[0] & 0xffff;
        int part = 2 * insn.dst.reg + index / 4;
        int shift = (index % 4) * 16;
        long[] x = cpu.state.xmm;
        x[part] = (x[part] & ~(0xffffL << shift)) | (value << shift);
    }

    static void extractWord(Cpu cpu, Insn insn) {
        int index = (int) insn.src2.value;
        long q = index < 4 ? SseOperands.low(cpu, insn.src.reg) : SseOperands.high(cpu, insn.src.reg);
        Operands.write(cpu, insn.dst, (q >>> ((index % 4) * 16)) & 0xffff);
    }
}
