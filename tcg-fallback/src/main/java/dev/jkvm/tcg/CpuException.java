package dev.jkvm.tcg;

/**
 * An x86 exception raised while executing an instruction: vector plus optional error code. The
 * CPU catches it at the instruction boundary with RIP still at the faulting instruction; the
 * system part delivers it through the IDT. Carries no stack trace: it is control flow, not a bug.
 */
public final class CpuException extends RuntimeException {
    public static final int DIVIDE_ERROR = 0, DEBUG = 1, NMI = 2, BREAKPOINT = 3, OVERFLOW = 4, BOUND = 5;
    public static final int INVALID_OPCODE = 6, DEVICE_NOT_AVAILABLE = 7, DOUBLE_FAULT = 8;
    public static final int INVALID_TSS = 10, SEGMENT_NOT_PRESENT = 11, STACK_FAULT = 12;
    public static final int GENERAL_PROTECTION = 13, PAGE_FAULT = 14, X87_FAULT = 16;
    public static final int ALIGNMENT_CHECK = 17, SIMD_FAULT = 19;

    public final int vector;
    public final int errorCode;
    public final boolean hasErrorCode;
    /** For #PF: the linear address that faulted (the system part loads it into CR2). */
    public final long faultAddress;
    /** INT n / INT3 / INTO: delivered with RIP after the instruction and with a DPL check. */
    public final boolean software;

    private CpuException(int vector, int errorCode, boolean hasErrorCode, long faultAddress, boolean software) {
        super(null, null, false, false);
        this.vector = vector;
        this.errorCode = errorCode;
        this.hasErrorCode = hasErrorCode;
        this.faultAddress = faultAddress;
        this.software = software;
    }

    public static CpuException fault(int vector) {
        return new CpuException(vector, 0, false, 0, false);
    }

    public static CpuException fault(int vector, int errorCode) {
        return new CpuException(vector, errorCode, true, 0, false);
    }

    public static CpuException pageFault(long linear, int errorCode) {
        return new CpuException(PAGE_FAULT, errorCode, true, linear, false);
    }

    public static CpuException softwareInterrupt(int vector) {
        return new CpuException(vector, 0, false, 0, true);
    }

    public static CpuException undefinedOpcode() {
        return fault(INVALID_OPCODE);
    }

    public static CpuException generalProtection() {
        return fault(GENERAL_PROTECTION, 0);
    }

    @Override
    public String getMessage() {
        return "vector " + vector + (hasErrorCode ? " error " + Integer.toHexString(errorCode) : "")
                + (vector == PAGE_FAULT ? " at " + Long.toHexString(faultAddress) : "");
    }
}
