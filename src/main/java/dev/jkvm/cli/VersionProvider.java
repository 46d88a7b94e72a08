package dev.jkvm.cli;

import picocli.CommandLine.IVersionProvider;

final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[]{"jkvm " + (version == null ? "development build" : version)
                + " on Java " + Runtime.version()};
    }
}
