package dev.jkvm.tcg.decode;

/**
 * What a decoded instruction does. Families share one op and carry a sub-operation in
 * {@link Insn#sub}: the ALU kind ({@link AluKind}), shift kind, condition code, or SIMD operation.
 */
public enum Op {
    UNDEFINED,
    NOP,
    // integer arithmetic
    ALU, TEST, NOT, NEG, INC, DEC,
    MUL, IMUL_WIDE, IMUL, DIV, IDIV,
    SHIFT, SHLD, SHRD,
    BIT_TEST, BSF, BSR, POPCNT,
    // data movement
    MOV, MOVZX, MOVSX, LEA, XCHG, CMPXCHG, CMPXCHG_DOUBLE, XADD, BSWAP, CMOV, SETCC, XLAT,
    MOV_FROM_SEGMENT,
    PUSH, POP, PUSHF, POPF, ENTER, LEAVE, WIDEN_ACCUMULATOR, SIGN_INTO_DX,
    // control flow
    JCC, JMP_RELATIVE, JMP_ABSOLUTE, CALL_RELATIVE, CALL_ABSOLUTE, RET, LOOP, JRCXZ,
    // strings and I/O
    MOVS, CMPS, STOS, LODS, SCAS, INS, OUTS, IN, OUT,
    // flags and miscellaneous
    FLAG_CONTROL, LAHF, SAHF, CPUID, RDTSC, HLT, SOFTWARE_INTERRUPT,
    // system instructions (sub-operation from SysOp; executed by dev.jkvm.tcg.sys.SystemDispatch)
    SYSTEM,
    // SSE/SSE2 (sub-operation selects the exact instruction)
    SSE_MOVE, SSE_MOVE_MERGE, SSE_MOVE_HIGH_LOW, SSE_MOVMSK,
    SSE_LOGIC, SSE_INT_ARITH, SSE_INT_SHIFT_BY_OPERAND, SSE_INT_SHIFT_BY_IMM, SSE_SHUFFLE, SSE_UNPACK, SSE_PACK,
    SSE_INSERT_WORD, SSE_EXTRACT_WORD, SSE_FLOAT_ARITH, SSE_FLOAT_COMPARE, SSE_COMPARE_FLAGS,
    SSE_CONVERT, SSE_MXCSR, FXSAVE, FXRSTOR,
    // x87
    X87
}
