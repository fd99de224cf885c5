package dev.microsim.detector.nab;

import java.nio.file.Path;

/** Lets tests in other packages find the NAB data the same way the golden test does. */
public final class NabDataLocatorAccess {

    private NabDataLocatorAccess() {
    }

    public static Path nabDirectory() {
        return NabDataLocator.nabDirectory();
    }
}
