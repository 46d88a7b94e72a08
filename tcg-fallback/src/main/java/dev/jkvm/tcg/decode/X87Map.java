package dev.jkvm.tcg.decode;

/** The x87 escape opcodes D8..DF. */
final class X87Map {
    private X87Map() {}

    static Insn decode(DecodeContext c, int opcode) {
        return c.undefined();
    }
}
