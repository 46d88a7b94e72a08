package dev.jkvm.config;

import dev.jkvm.VmmException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FastPathsTest {
    @Test
    void allAndNone() {
        assertEquals(FastPaths.ALL, FastPaths.parse("all"));
        assertEquals(FastPaths.NONE, FastPaths.parse("none"));
        assertEquals(FastPaths.ALL, FastPaths.parse("ioeventfd,irqfd,coalesced-mmio"));
        assertEquals(FastPaths.ALL, FastPaths.parse(" IRQFD, coalesced-mmio ,ioeventfd"));
    }

    @Test
    void aList() {
        assertEquals(new FastPaths(true, false, false), FastPaths.parse("ioeventfd"));
        assertEquals(new FastPaths(false, true, true), FastPaths.parse("irqfd,coalesced-mmio"));
    }

    @Test
    void spellsItselfAsTheOptionDoes() {
        assertEquals("ioeventfd,irqfd,coalesced-mmio", FastPaths.ALL.toString());
        assertEquals("none", FastPaths.NONE.toString());
        for (String s : new String[]{"ioeventfd", "irqfd,coalesced-mmio", "none"}) assertEquals(s, FastPaths.parse(s).toString());
    }

    @Test
    void unknownNamesAreUserErrors() {
        VmmException e = assertThrows(VmmException.class, () -> FastPaths.parse("ioeventfd,vhost"));
        assertTrue(e.getMessage().contains("vhost"), e.getMessage());
        assertThrows(VmmException.class, () -> FastPaths.parse(""));
        assertThrows(VmmException.class, () -> FastPaths.parse("ioeventfd,"));
    }

    @Test
    void switchesTurnSinglePathsOff() {
        assertEquals(new FastPaths(false, true, true), FastPaths.ALL.withoutIoeventfd());
        assertEquals(new FastPaths(true, false, true), FastPaths.ALL.withoutIrqfd());
        assertEquals(new FastPaths(true, true, false), FastPaths.ALL.withoutCoalescedMmio());
    }
}
