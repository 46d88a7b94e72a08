package dev.jkvm.tcg.decode;

/** The eight classic ALU operations, numbered as in their opcode encoding (reg field of 80..83). */
public final class AluKind {
    public static final int ADD = 0, OR = 1, ADC = 2, SBB = 3, AND = 4, SUB = 5, XOR = 6, CMP = 7;

    private AluKind() {}
}
