package dev.microsim.report.suite;

import dev.microsim.detector.dataset.MicroSimDatasetReader;
import dev.microsim.detector.external.DetectorCommand;
import dev.microsim.detector.io.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs a third-party detector on every finished case of a suite, exactly as {@code microsim detect
 * --command} runs it on one dataset (the same {@link DetectorCommand}): the case's label-free series
 * in, {@code <entrant dir>/<case id>/predictions.csv} out, the program's output kept beside it as
 * {@code detector.log}. Cases that already have predictions are not run again, so a long suite
 * score resumes too.
 */
public final class ExternalDetector {

    private final DetectorCommand command;

    public ExternalDetector(DetectorCommand command) {
        this.command = command;
    }

    /** Names the command an entrant directory's predictions came from, so another command under the same name is not mixed in. */
    static final String COMMAND_FILE = "command.txt";

    /**
     * Runs the command on each finished case lacking predictions; returns the cases it failed on, with
     * why. Refuses (returns that one problem) a directory whose predictions another command wrote.
     */
    public List<String> run(SuiteDirectory suite, Entrant into) throws IOException, InterruptedException {
        List<String> failures = new ArrayList<>();
        Path commandFile = into.dir().resolve(COMMAND_FILE);
        if (Files.isRegularFile(commandFile) && !Files.readString(commandFile).equals(command.template())) {
            return List.of(into.dir() + " holds the predictions of another command (\"" + Files.readString(commandFile)
                    + "\"): give this one another --name, or delete that directory to replace them");
        }
        Files.createDirectories(into.dir());
        Files.writeString(commandFile, command.template());
        for (SuiteCaseInfo c : suite.finished()) {
            Path out = into.dir().resolve(c.id());
            if (Files.isRegularFile(out.resolve(Entrant.PREDICTIONS))) {
                continue;
            }
            try {
                Optional<String> failure = command.predict(new MicroSimDatasetReader().read(c.dir()).telemetry(), out,
                        out.resolve(Entrant.PREDICTIONS));
                failure.ifPresent(why -> failures.add(c.id() + ": " + why + "\n(whole log: " + out.resolve("detector.log") + ")"));
            } catch (InputException e) {
                failures.add(c.id() + ": " + e.getMessage());
            }
        }
        return failures;
    }
}
