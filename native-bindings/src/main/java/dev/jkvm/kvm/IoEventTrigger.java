package dev.jkvm.kvm;

import java.util.OptionalLong;

/**
 * Where a guest write signals an ioeventfd: {@code length} bytes (1, 2, 4, 8, or 0 for any) at
 * {@code address} in port or memory space, optionally only when the written value equals {@code datamatch}.
 */
public record IoEventTrigger(Space space, long address, int length, OptionalLong datamatch) {
    public enum Space { PIO, MMIO }

    public static IoEventTrigger anyValue(Space space, long address, int length) {
        return new IoEventTrigger(space, address, length, OptionalLong.empty());
    }

    public static IoEventTrigger onValue(Space space, long address, int length, long datamatch) {
        return new IoEventTrigger(space, address, length, OptionalLong.of(datamatch));
    }
}
