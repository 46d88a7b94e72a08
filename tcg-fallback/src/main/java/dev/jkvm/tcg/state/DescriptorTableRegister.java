package dev.jkvm.tcg.state;

/** GDTR or IDTR: a linear base and a 16-bit limit. */
public final class DescriptorTableRegister {
    public long base;
    public int limit = 0xffff;
}
