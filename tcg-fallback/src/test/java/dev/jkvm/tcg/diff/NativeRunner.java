package dev.jkvm.tcg.diff;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Builds cpu_diff_runner.c with gcc and runs a batch of cases through it in one process. */
final class NativeRunner {
    private final Path binary;

    private NativeRunner(Path binary) {
        this.binary = binary;
    }

    /** The runner, rebuilt if the source is newer; null if gcc is not installed. */
    static NativeRunner build(Path moduleDir) throws IOException, InterruptedException {
        Path source = moduleDir.resolve("src/test/c/cpu_diff_runner.c");
        Path binary = moduleDir.resolve("target/cpu-diff/cpu_diff_runner");
        if (Files.exists(binary) && Files.getLastModifiedTime(binary).compareTo(Files.getLastModifiedTime(source)) > 0) {
            return new NativeRunner(binary);
        }
        Files.createDirectories(binary.getParent());
        Process gcc;
        try {
            gcc = new ProcessBuilder("gcc", "-O1", "-Wall", "-o", binary.toString(), source.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            return null;
        }
        String output = new String(gcc.getInputStream().readAllBytes());
        if (gcc.waitFor() != 0) throw new IOException("gcc failed:\n" + output);
        return new NativeRunner(binary);
    }

    List<MachineState> run(List<TestCase> cases) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(binary.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Thread writer = Thread.ofPlatform().start(() -> {
            try (OutputStream out = new BufferedOutputStream(process.getOutputStream(), 1 << 20)) {
                for (TestCase c : cases) writeCase(out, c);
                out.write(new byte[4]);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        List<MachineState> results = new ArrayList<>(cases.size());
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 20))) {
            for (int i = 0; i < cases.size(); i++) results.add(readResult(in));
        }
        writer.join();
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("cpu_diff_runner exited with " + process.exitValue());
        }
        return results;
    }

    private static void writeCase(OutputStream out, TestCase c) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 + c.code().length + 136).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(c.code().length).put(c.code());
        for (long r : c.input().gpr) b.putLong(r);
        b.putLong(c.input().rflags);
        out.write(b.array(), 0, b.position());
        out.write(c.input().fxsave);
        out.write(c.data());
    }

    private static MachineState readResult(DataInputStream in) throws IOException {
        MachineState s = new MachineState();
        ByteBuffer b = ByteBuffer.wrap(in.readNBytes(4 + 136)).order(ByteOrder.LITTLE_ENDIAN);
        s.signal = b.getInt();
        for (int i = 0; i < 16; i++) s.gpr[i] = b.getLong();
        s.rflags = b.getLong();
        in.readFully(s.fxsave);
        int changes = Integer.reverseBytes(in.readInt());
        for (int i = 0; i < changes; i++) {
            int offset = Short.toUnsignedInt(Short.reverseBytes(in.readShort()));
            s.memoryChanges.put(offset, in.readByte());
        }
        return s;
    }
}
