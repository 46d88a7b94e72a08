package dev.jkvm.tcg.decode;

/**
 * One decoded instruction: what to do ({@link Op} plus a sub-operation such as the ALU kind or the
 * condition code), the operation size, up to three operands, and the encoded length. Position
 * independent: RIP-relative operands are resolved against RIP at execution, so a decoded page
 * stays valid wherever it is mapped.
 */
public final class Insn {
    public static final int LOCK = 1, REP = 2, REPNE = 4;

    public final Op op;
    public final int sub;
    /** Operation size in bytes (1, 2, 4, 8; 16 for full XMM operations). */
    public final int size;
    public final Operand dst;
    public final Operand src;
    public final Operand src2;
    public final int length;
    public final int prefixes;
    /** Address size in bytes, used by string instructions and LOOP/JCXZ. */
    public final int addressSize;
    /** Source segment of string instructions (the DS default or an override). */
    public final int segment;

    public Insn(Op op, int sub, int size, Operand dst, Operand src, Operand src2, int length,
                int prefixes, int addressSize, int segment) {
        this.op = op;
        this.sub = sub;
        this.size = size;
        this.dst = dst;
        this.src = src;
        this.src2 = src2;
        this.length = length;
        this.prefixes = prefixes;
        this.addressSize = addressSize;
        this.segment = segment;
    }

    public boolean locked() {
        return (prefixes & LOCK) != 0;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(op.name());
        if (sub != 0) b.append('.').append(sub);
        b.append(':').append(size);
        if (dst != null) b.append(' ').append(dst);
        if (src != null) b.append(", ").append(src);
        if (src2 != null) b.append(", ").append(src2);
        return b.toString();
    }
}
