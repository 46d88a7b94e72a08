package dev.jkvm.cli;

/** Exit statuses of bin/jkvm besides the guest's own. */
public final class ExitStatus {
    private ExitStatus() {}

    public static final int OK = 0;
    /** The VMM failed (bad input, missing host support); like docker's 125, apart from guest statuses. */
    public static final int VMM_ERROR = 125;
}
