package dev.microsim.load;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Gatling's own console chatter ("Simulation dev.microsim.load.MicrosimSimulation started...")
 * means nothing to a microsim user, who sees the run's own progress; this stream drops it and
 * passes every other line through. Installed as Scala's Console.out for the Gatling thread only
 * (a DynamicVariable, inherited by the threads Gatling starts from it), so nobody else's output
 * goes through it.
 */
final class GatlingConsole extends OutputStream {
    private static final Pattern CHATTER = Pattern.compile("Simulation \\S+ (started\\.\\.\\.|completed in \\d+ seconds)");

    private final PrintStream target;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    GatlingConsole(PrintStream target) {
        this.target = target;
    }

    static PrintStream over(PrintStream target) {
        return new PrintStream(new GatlingConsole(target), true, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void write(int b) {
        line.write(b);
        if (b == '\n') emit();
    }

    @Override
    public synchronized void flush() {
        target.flush();
    }

    @Override
    public synchronized void close() {
        if (line.size() > 0) emit();
        target.flush();
    }

    private void emit() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (!CHATTER.matcher(text.strip()).matches()) {
            target.print(text);
            target.flush();
        }
    }
}
