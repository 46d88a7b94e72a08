package dev.jkvm.cli;

import picocli.CommandLine.Command;

@Command(name = "jkvm",
        mixinStandardHelpOptions = true,
        usageHelpWidth = 110,
        versionProvider = VersionProvider.class,
        description = "A virtual machine monitor in Java: Linux guests under KVM, or on a software CPU where there is no KVM.",
        subcommands = {RunCommand.class, GuestCommand.class, CompareCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
                "  jkvm run                                   boot the default guest (build it first: jkvm guest build)",
                "  jkvm run --run 'uname -a'                  run one command in the default guest, exit with its status",
                "  jkvm run --kernel vmlinuz --initrd rd.img --append 'console=ttyS0'",
                "  jkvm guest build                           build the default guest from Debian packages",
                "  jkvm compare disk --accel tcg              compare vmexits of IDE and virtio-blk"
        })
public final class JkvmCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
