package dev.jkvm.tcg.bench;

import dev.jkvm.devices.memory.GuestMemory;
import dev.jkvm.devices.memory.RamRegion;
import dev.jkvm.tcg.Cpu;
import dev.jkvm.tcg.StopReason;
import dev.jkvm.tcg.state.CpuState;
import dev.jkvm.tcg.state.Reg;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

/**
 * Guest instructions per second of the interpreter on a CPU-bound loop: a checksum over 1 MiB
 * (load-add, rotate, xor, pointer bump, count down, branch: six instructions per qword). JMH's
 * ops/s is guest instructions per second.
 */
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class InterpreterBenchmark {
    private static final long CODE = 0x1000, BUFFER = 0x100000;
    private static final int QWORDS = (1 << 20) / 8;
    private static final int INSTRUCTIONS_PER_QWORD = 6;
    private static final int INSTRUCTIONS = 4 + QWORDS * INSTRUCTIONS_PER_QWORD;

    /*
     *   mov esi, 0x100000 ; mov ecx, QWORDS ; xor eax, eax ; xor edx, edx
     * loop:
     *   add rax, [rsi] ; rol rax, 7 ; xor rdx, rax ; add rsi, 8 ; dec rcx ; jnz loop
     *   hlt
     */
    private static final byte[] PROGRAM = {
            (byte) 0xbe, 0x00, 0x00, 0x10, 0x00,
            (byte) 0xb9, 0x00, 0x00, 0x02, 0x00,
            0x31, (byte) 0xc0,
            0x31, (byte) 0xd2,
            0x48, 0x03, 0x06,
            0x48, (byte) 0xc1, (byte) 0xc0, 0x07,
            0x48, 0x31, (byte) 0xc2,
            0x48, (byte) 0x83, (byte) 0xc6, 0x08,
            0x48, (byte) 0xff, (byte) 0xc9,
            0x75, (byte) 0xed,
            (byte) 0xf4,
    };

    private CpuState state;
    private Cpu cpu;

    @Setup
    public void setUp() {
        MemorySegment ram = Arena.ofAuto().allocate(2 << 20, 4096);
        MemorySegment.copy(PROGRAM, 0, ram, ValueLayout.JAVA_BYTE, CODE, PROGRAM.length);
        for (long i = 0; i < QWORDS; i++) ram.set(ValueLayout.JAVA_LONG, BUFFER + 8 * i, i * 0x9e3779b97f4a7c15L);
        GuestMemory memory = GuestMemory.wrap(List.of(new RamRegion(0, ram)));
        state = new CpuState();
        state.enterFlatLongMode(0);
        cpu = new Cpu(state, memory, null, null, null);
    }

    @Benchmark
    @OperationsPerInvocation(INSTRUCTIONS)
    public long checksumOneMebibyte() {
        state.rip = CODE;
        state.halted = false;
        StopReason stop = cpu.runSlice(Long.MAX_VALUE / 2);
        if (stop != StopReason.HALTED) throw new IllegalStateException("stopped with " + stop);
        return state.gpr[Reg.RDX];
    }
}
