package dev.microsim.bench;

import dev.microsim.cli.Main;

/** {@code microsim} as it started before serve got its own start-up path: the whole command tree, for {@link ServeStartupBench}. */
public final class FullTreeMain {
    private FullTreeMain() {}

    public static void main(String[] args) {
        System.exit(Main.run(args));
    }
}
