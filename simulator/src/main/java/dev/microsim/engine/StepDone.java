package dev.microsim.engine;

/** The continuation of a step (or a script): {@code ok} false when it failed (a failed call, a lost request). */
@FunctionalInterface
interface StepDone {
    void done(boolean ok);
}
