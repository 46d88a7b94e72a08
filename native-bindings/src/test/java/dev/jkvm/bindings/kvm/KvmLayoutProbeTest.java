package dev.jkvm.bindings.kvm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.PaddingLayout;
import java.lang.foreign.SequenceLayout;
import java.lang.foreign.StructLayout;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * Checks every struct size, alignment and field offset of the Java bindings, and every constant of
 * {@link Kvm_h}, against gcc compiling {@code <linux/kvm.h>}. The C program is written from the
 * Java side's own names, so whatever is added to the bindings is checked too.
 */
class KvmLayoutProbeTest {
    /** One printed line of the probe program: its key, the Java value, and the C expression to print. */
    private record Probe(String key, long javaValue, String cExpression) {}

    @TempDir
    Path work;

    @Test
    void bindingsMatchTheKernelHeaders() throws Exception {
        Path gcc = findGcc();
        List<Probe> probes = new ArrayList<>();
        for (Class<?> struct : structClasses()) {
            GroupLayout layout = (GroupLayout) struct.getMethod("layout").invoke(null);
            describeStruct(struct.getSimpleName(), layout, probes);
        }
        describeConstants(probes);
        assertTrue(probes.size() > 400, "suspiciously few probes: " + probes.size());

        Map<String, Long> fromC = runProbe(gcc, probes);
        List<String> mismatches = new ArrayList<>();
        for (Probe probe : probes) {
            Long cValue = fromC.get(probe.key());
            if (cValue == null || cValue != probe.javaValue()) {
                mismatches.add(probe.key() + ": java " + probe.javaValue() + ", C " + cValue);
            }
        }
        assertTrue(mismatches.isEmpty(), "bindings differ from linux/kvm.h:\n" + String.join("\n", mismatches));
    }

    private static Path findGcc() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir, "gcc");
            if (Files.isExecutable(candidate)) return candidate;
        }
        String message = "gcc not found on PATH: the kvm.h layout probe needs gcc and the Linux kernel headers";
        if ("true".equals(System.getenv("CI"))) fail(message);
        abort(message);
        throw new AssertionError("unreachable");
    }

    /** Every top-level binding class of this package except the header class. */
    private static List<Class<?>> structClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        String pkg = Kvm_h.class.getPackageName();
        Path dir = Path.of(Kvm_h.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve(pkg.replace('.', '/'));
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (!name.endsWith(".class") || name.contains("$") || name.equals("Kvm_h.class")) continue;
                classes.add(Class.forName(pkg + "." + name.substring(0, name.length() - ".class".length())));
            }
        }
        assertTrue(classes.size() >= 30, "expected the kvm struct bindings, found " + classes);
        return classes;
    }

    private static void describeStruct(String struct, GroupLayout layout, List<Probe> probes) {
        String type = "struct " + struct;
        probes.add(new Probe("sizeof " + struct, layout.byteSize(), "sizeof(" + type + ")"));
        probes.add(new Probe("alignof " + struct, layout.byteAlignment(), "_Alignof(" + type + ")"));
        describeMembers(struct, "", layout, 0, probes);
    }

    /** Walks the named members; anonymous unions ({@code $anon$...}) are transparent, as in C. */
    private static void describeMembers(String struct, String prefix, GroupLayout group, long base, List<Probe> probes) {
        long offset = base;
        for (MemoryLayout member : group.memberLayouts()) {
            long memberOffset = offset;
            if (group instanceof StructLayout) offset += member.byteSize();
            if (member instanceof PaddingLayout) continue;
            String name = member.name().orElseThrow(() -> new AssertionError("unnamed member in " + struct));
            if (name.startsWith("$anon$")) {
                describeMembers(struct, prefix, (GroupLayout) member, memberOffset, probes);
                continue;
            }
            String path = prefix + name;
            probes.add(new Probe("offsetof " + struct + "." + path, memberOffset,
                    "offsetof(struct " + struct + ", " + path + ")"));
            boolean flexibleArray = member instanceof SequenceLayout sequence && sequence.elementCount() == 0;
            if (!flexibleArray) {
                probes.add(new Probe("sizeof " + struct + "." + path, member.byteSize(),
                        "sizeof(((struct " + struct + " *)0)->" + path + ")"));
            }
            if (member instanceof GroupLayout nested) describeMembers(struct, path + ".", nested, memberOffset, probes);
        }
    }

    /** Kvm_h's constants are its public static no-argument int or long methods, compared as C's unsigned bits. */
    private static void describeConstants(List<Probe> probes) throws ReflectiveOperationException {
        for (Method method : Kvm_h.class.getDeclaredMethods()) {
            int modifiers = method.getModifiers();
            if (!Modifier.isPublic(modifiers) || !Modifier.isStatic(modifiers)
                    || method.getParameterCount() != 0) continue;
            if (method.getReturnType() == int.class) {
                long value = Integer.toUnsignedLong((int) method.invoke(null));
                probes.add(new Probe(method.getName(), value, "(unsigned int)(" + method.getName() + ")"));
            } else if (method.getReturnType() == long.class) {
                probes.add(new Probe(method.getName(), (long) method.invoke(null), "(" + method.getName() + ")"));
            }
        }
    }

    /** Compiles a program printing "key value" per probe, runs it and parses its output. */
    private Map<String, Long> runProbe(Path gcc, List<Probe> probes) throws IOException, InterruptedException {
        StringBuilder c = new StringBuilder("""
                #include <stddef.h>
                #include <stdio.h>
                #include <linux/kvm.h>

                int main(void) {
                """);
        for (Probe probe : probes) {
            c.append("    printf(\"%s %llu\\n\", \"").append(probe.key()).append("\", (unsigned long long)")
                    .append(probe.cExpression()).append(");\n");
        }
        c.append("    return 0;\n}\n");
        Path source = work.resolve("kvm_probe.c");
        Path binary = work.resolve("kvm_probe");
        Files.writeString(source, c);
        String compilerOutput = run(gcc.toString(), "-std=gnu11", "-Wall", "-Werror", "-o", binary.toString(), source.toString());
        assertTrue(Files.isExecutable(binary), "gcc could not compile the probe:\n" + compilerOutput);

        Map<String, Long> values = new HashMap<>();
        for (String line : run(binary.toString()).split("\n")) {
            if (line.isBlank()) continue;
            int space = line.lastIndexOf(' ');
            values.put(line.substring(0, space), Long.parseUnsignedLong(line.substring(space + 1)));
        }
        assertEquals(probes.size(), values.size(), "probe output lines");
        return values;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "timed out: " + String.join(" ", command));
        return output;
    }
}
