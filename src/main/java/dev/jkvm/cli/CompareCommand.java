package dev.jkvm.cli;

import dev.jkvm.VmmException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "compare",
        mixinStandardHelpOptions = true,
        usageHelpWidth = 110,
        description = "Compare vmexit counts of emulated and paravirtual devices on one workload.",
        footerHeading = "%nExamples:%n",
        footer = {"  jkvm compare disk     IDE PIO, IDE DMA and virtio-blk", "  jkvm compare net      e1000 and virtio-net"})
public final class CompareCommand implements Callable<Integer> {
    @Parameters(paramLabel = "disk|net", description = "Which comparison to run. Example: disk")
    String what;

    @Override
    public Integer call() {
        throw new VmmException("jkvm compare is not built yet: it needs the device models and a CPU backend (issues 7 and 8)");
    }
}
