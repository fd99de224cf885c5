package dev.microsim.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the build version and the formats this build reads and writes. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = MicrosimCommand.class.getPackage().getImplementationVersion();
        return new String[] {
            "microsim " + (version == null ? "development build" : version),
            "scenario format version " + dev.microsim.model.scenario.Scenario.FORMAT_VERSION + ", dataset format version 1",
            "Java " + System.getProperty("java.version")
        };
    }
}
