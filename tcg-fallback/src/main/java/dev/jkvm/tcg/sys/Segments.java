package dev.jkvm.tcg.sys;

import dev.jkvm.tcg.Cpu;
import dev.jkvm.tcg.CpuException;
import dev.jkvm.tcg.state.CpuMode;
import dev.jkvm.tcg.state.CpuState;
import dev.jkvm.tcg.state.Segment;
import dev.jkvm.tcg.state.SegmentRegister;

/**
 * Segment descriptors: reading them from the GDT/LDT, the checks of segment-register loads, and
 * the execution mode that follows from CR0.PE, EFER.LMA and the CS descriptor.
 *
 * <p>Descriptor bit layout (as a little-endian qword): limit 0..15, base 16..39, type 40..43, S 44,
 * DPL 45..46, P 47, limit 48..51, AVL 52, L 53, D/B 54, G 55, base 56..63.
 * {@link SegmentRegister#attributes} holds bits 40..55 without the limit nibble.
 */
public final class Segments {
    public static final int ATTR_ACCESSED = 1, ATTR_WRITABLE = 2, ATTR_CONFORMING = 4, ATTR_CODE = 8;
    public static final int ATTR_S = 1 << 4;
    private static final long P = 1L << 47, S = 1L << 44, L = 1L << 53, DB = 1L << 54, G = 1L << 55;

    private Segments() {}

    public static long base(long d) {
        return ((d >>> 16) & 0xffffffL) | ((d >>> 32) & 0xff000000L);
    }

    public static int limit(long d) {
        int limit = (int) (d & 0xffff) | (int) ((d >>> 32) & 0xf0000);
        return (d & G) != 0 ? (limit << 12) | 0xfff : limit;
    }

    public static int attributes(long d) {
        return (int) (d >>> 40) & 0xf0ff;
    }

    public static int type(long d) {
        return (int) (d >>> 40) & 0xf;
    }

    public static boolean isSystem(long d) {
        return (d & S) == 0;
    }

    public static boolean isCode(long d) {
        return (d & S) != 0 && (d & (1L << 43)) != 0;
    }

    public static boolean isConforming(long d) {
        return isCode(d) && (d & (1L << 42)) != 0;
    }

    public static int dpl(long d) {
        return (int) (d >>> 45) & 3;
    }

    public static boolean present(long d) {
        return (d & P) != 0;
    }

    public static boolean isLong(long d) {
        return (d & L) != 0;
    }

    public static boolean isBig(long d) {
        return (d & DB) != 0;
    }

    public static CpuException gp(int selector) {
        return CpuException.fault(CpuException.GENERAL_PROTECTION, selector & 0xfffc);
    }

    public static CpuException notPresent(int selector) {
        return CpuException.fault(CpuException.SEGMENT_NOT_PRESENT, selector & 0xfffc);
    }

    /** Linear address of selector's descriptor in the GDT or LDT; #GP(selector) beyond the table limit. */
    public static long descriptorAddress(CpuState s, int selector, int bytes) {
        long base;
        long limit;
        if ((selector & 4) != 0) {
            if ((s.ldtr.selector & 0xfffc) == 0 || (s.ldtr.attributes & SegmentRegister.ATTR_PRESENT) == 0) throw gp(selector);
            base = s.ldtr.base;
            limit = s.ldtr.limit & 0xffffffffL;
        } else {
            base = s.gdtr.base;
            limit = s.gdtr.limit & 0xffffL;
        }
        long offset = selector & 0xfff8;
        if (offset + bytes - 1 > limit) throw gp(selector);
        long linear = base + offset;
        return s.mode.is64() ? linear : linear & 0xffffffffL;
    }

    /** The 8-byte descriptor of a (non-null) selector. */
    public static long read(Cpu cpu, int selector) {
        return cpu.memory.readSystem(descriptorAddress(cpu.state, selector, 8), 8);
    }

    /** The upper 8 bytes of a 16-byte long-mode system descriptor. */
    public static long readUpper(Cpu cpu, int selector) {
        return cpu.memory.readSystem(descriptorAddress(cpu.state, selector, 16) + 8, 8);
    }

    /** Sets the accessed bit in the descriptor table (hardware does this on every load). */
    public static void setAccessed(Cpu cpu, int selector, long d) {
        if ((d & (1L << 40)) != 0 || isSystem(d)) return;
        long address = descriptorAddress(cpu.state, selector, 8) + 5;
        cpu.memory.writeSystem(address, 1, ((d >>> 40) & 0xff) | 1);
    }

    public static void loadFromDescriptor(SegmentRegister r, int selector, long d) {
        r.load(selector & 0xffff, base(d), limit(d), attributes(d) | ATTR_ACCESSED);
    }

    /** Real-mode (and INIT/SIPI) style load: base = selector * 16, limit and attributes as for real mode. */
    public static void loadReal(SegmentRegister r, int selector, boolean code) {
        r.load(selector & 0xffff, (long) (selector & 0xffff) << 4, 0xffff,
                SegmentRegister.ATTR_PRESENT | ATTR_S | ATTR_ACCESSED | (code ? ATTR_CODE | ATTR_WRITABLE : ATTR_WRITABLE));
    }

    /** MOV, POP, LDS/LES/LFS/LGS/LSS to a data or stack segment register, with the protected-mode checks. */
    public static void load(Cpu cpu, int sreg, int selector) {
        CpuState s = cpu.state;
        SegmentRegister r = s.segments[sreg];
        selector &= 0xffff;
        if (s.mode == CpuMode.REAL) {
            r.selector = selector;
            r.base = (long) selector << 4;
            return;
        }
        if (sreg == Segment.SS) {
            long d = checkStack(cpu, selector, s.cpl);
            if (d == 0) {
                loadNullStack(s, selector);
            } else {
                setAccessed(cpu, selector, d);
                loadFromDescriptor(r, selector, d);
            }
            return;
        }
        if ((selector & 0xfffc) == 0) {
            r.load(selector, 0, 0, 0); // null: unusable until reloaded
            return;
        }
        long d = read(cpu, selector);
        int rpl = selector & 3;
        int dpl = dpl(d);
        if (isSystem(d) || (isCode(d) && (type(d) & ATTR_WRITABLE) == 0)) throw gp(selector);
        if (!isConforming(d) && (rpl > dpl || s.cpl > dpl)) throw gp(selector);
        if (!present(d)) throw notPresent(selector);
        setAccessed(cpu, selector, d);
        loadFromDescriptor(r, selector, d);
    }

    /** 64-bit mode allows a null SS below CPL 3 (interrupts and SYSCALL leave one). */
    public static void loadNullStack(CpuState s, int selector) {
        s.segments[Segment.SS].load(selector & 0xffff, 0, 0, (selector & 3) << 5);
    }

    /**
     * Checks selector as the stack segment for privilege level cpl; returns its descriptor, or 0
     * for an allowed null selector (64-bit mode below CPL 3).
     */
    public static long checkStack(Cpu cpu, int selector, int cpl) {
        CpuState s = cpu.state;
        if ((selector & 0xfffc) == 0) {
            if (s.mode.is64() && cpl != 3 && (selector & 3) == cpl) return 0;
            throw CpuException.generalProtection();
        }
        long d = read(cpu, selector);
        if ((selector & 3) != cpl || isSystem(d) || isCode(d) || (type(d) & ATTR_WRITABLE) == 0 || dpl(d) != cpl) {
            throw gp(selector);
        }
        if (!present(d)) throw CpuException.fault(CpuException.STACK_FAULT, selector & 0xfffc);
        return d;
    }

    /** Recomputes {@link CpuState#mode} from CR0.PE, EFER.LMA and CS.L / CS.D. */
    public static void updateMode(CpuState s) {
        CpuMode mode;
        int cs = s.segments[Segment.CS].attributes;
        boolean big = (cs & SegmentRegister.ATTR_DEFAULT_BIG) != 0;
        if ((s.cr0 & ControlBits.CR0_PE) == 0) {
            mode = CpuMode.REAL;
        } else if ((s.efer & ControlBits.EFER_LMA) != 0) {
            mode = (cs & SegmentRegister.ATTR_LONG) != 0 ? CpuMode.LONG_64 : big ? CpuMode.LONG_COMPAT_32 : CpuMode.LONG_COMPAT_16;
        } else {
            mode = big ? CpuMode.PROTECTED_32 : CpuMode.PROTECTED_16;
        }
        s.mode = mode;
        if (mode == CpuMode.REAL) s.cpl = 0;
    }

    /** After a return to an outer privilege level: data segments the new CPL may not use become null. */
    public static void nullInaccessibleDataSegments(CpuState s) {
        for (int sreg : new int[] {Segment.ES, Segment.DS, Segment.FS, Segment.GS}) {
            SegmentRegister r = s.segments[sreg];
            int a = r.attributes;
            if ((r.selector & 0xfffc) == 0 && (a & SegmentRegister.ATTR_PRESENT) == 0) continue;
            boolean data = (a & ATTR_CODE) == 0;
            boolean conformingCode = !data && (a & ATTR_CONFORMING) != 0;
            int dpl = (a >> 5) & 3;
            if ((data || !conformingCode) && dpl < s.cpl) {
                long base = s.mode.is64() && sreg >= Segment.FS ? r.base : 0; // 64-bit FS/GS keep their base
                r.load(0, base, 0, 0);
            }
        }
    }
}
