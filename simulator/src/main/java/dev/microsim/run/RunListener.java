package dev.microsim.run;

/**
 * Hears what a {@link RunSession} has to say: one-line messages (what starts, where the control API
 * is) and progress about once per interval of run time. The CLI prints them; a suite aggregates
 * them into one bar; tests may ignore them. Called on the run's threads; keep it quick.
 */
public interface RunListener {
    RunListener NONE = new RunListener() {};

    default void message(String line) {}

    default void progress(RunProgress progress) {}
}
