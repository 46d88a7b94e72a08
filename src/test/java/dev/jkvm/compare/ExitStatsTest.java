package dev.jkvm.compare;

import dev.jkvm.json.Json;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExitStatsTest {
    /** Output of dev.jkvm.vmm.ExitStatistics.toJson, verbatim (an IDE window, the PIC in-kernel, an unclaimed port). */
    static final String REAL = """
            {
              "accelerator": "kvm",
              "vcpus": [
                {
                  "index": 0,
                  "exits": 6,
                  "reasons": {
                    "io_in": 3,
                    "io_out": 2,
                    "hlt": 1
                  },
                  "in_kernel": {
                    "hlt": 4
                  },
                  "accelerator_counters": {
                    "exits": 9,
                    "io_exits": 5
                  }
                }
              ],
              "devices": [
                {
                  "name": "pic-master",
                  "bus": "pio",
                  "base": 32,
                  "exit_kind": "in_kernel",
                  "accesses": 1,
                  "registers": [
                    {
                      "offset": 0,
                      "direction": "write",
                      "size": 1,
                      "count": 1,
                      "bytes": 1,
                      "handler_ns": 221
                    }
                  ]
                },
                {
                  "name": "ide-primary",
                  "bus": "pio",
                  "base": 496,
                  "exit_kind": "user_space",
                  "accesses": 3,
                  "registers": [
                    {
                      "offset": 7,
                      "direction": "read",
                      "size": 1,
                      "count": 2,
                      "bytes": 2,
                      "handler_ns": 450272
                    },
                    {
                      "offset": 7,
                      "direction": "write",
                      "size": 1,
                      "count": 1,
                      "bytes": 1,
                      "handler_ns": 3417
                    }
                  ]
                },
                {
                  "name": "unclaimed",
                  "bus": "pio",
                  "base": 0,
                  "exit_kind": "user_space",
                  "accesses": 1,
                  "registers": [
                    {
                      "offset": 128,
                      "direction": "read",
                      "size": 1,
                      "count": 1,
                      "bytes": 1,
                      "handler_ns": 0
                    }
                  ]
                }
              ]
            }
            """;

    @Test
    void readsTheVmmsStatsFormat() {
        ExitStats s = ExitStats.parse(REAL);
        assertEquals("kvm", s.accelerator());
        assertEquals(6, s.exits());
        assertEquals(Map.of("io_in", 3L, "io_out", 2L, "hlt", 1L), s.reasons());
        assertEquals(9, s.kernelCounter("exits"));
        assertEquals(Map.of("hlt", 4L), s.vcpus().getFirst().inKernel());
        assertEquals(1 + 4, s.inKernelEvents(), "the in-kernel PIC access and the in-kernel HLTs");
        ExitStats.DeviceCounts ide = s.devices().get(1);
        assertEquals("ide-primary", ide.name());
        assertEquals(0x1f0, ide.base());
        assertEquals(new ExitStats.RegisterCounts(7, "read", 1, 2, 2, 450272), ide.registers().getFirst());
    }

    @Test
    void subtractsPerCellAndDropsEmptyWindows() {
        ExitStats s = ExitStats.parse(REAL);
        ExitStats zero = s.minus(s);
        assertEquals(0, zero.exits());
        assertTrue(zero.devices().isEmpty());
        assertEquals(0, zero.kernelCounter("exits"));
    }

    @Test
    void malformedStatsNameTheField() {
        Json.ParseException e = assertThrows(Json.ParseException.class,
                () -> ExitStats.parse("{\"accelerator\": \"tcg\", \"vcpus\": [{\"index\": 0, \"exits\": \"many\"}]}"));
        assertTrue(e.getMessage().contains("vcpus[].exits"), e.getMessage());
    }
}
