package dev.jkvm.tcg.state;

/**
 * A segment register with its hidden descriptor cache. The user-mode part only reads {@link #base};
 * the system part loads descriptors and checks limits and attributes.
 */
public final class SegmentRegister {
    /** Attribute bits, in the layout of descriptor bits 40..55 (type, S, DPL, P, AVL, L, D/B, G). */
    public static final int ATTR_PRESENT = 1 << 7;
    public static final int ATTR_LONG = 1 << 13;
    public static final int ATTR_DEFAULT_BIG = 1 << 14;

    public int selector;
    public long base;
    public int limit;
    public int attributes;

    public void load(int selector, long base, int limit, int attributes) {
        this.selector = selector;
        this.base = base;
        this.limit = limit;
        this.attributes = attributes;
    }

    @Override
    public String toString() {
        return String.format("sel=%04x base=%x limit=%x attr=%x", selector, base, limit, attributes);
    }
}
