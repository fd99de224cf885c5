package dev.microsim.engine;

import java.time.Duration;

/** What the engine-neutral resource effects need from an engine at the mesh level. */
public interface ReplicaControl {
    /**
     * The OOM killer: kills replica {@code replica} of {@code service} now and starts it again after
     * {@code restartDelay}. Called on that replica's thread; must not block it.
     */
    void killAndRestart(String service, int replica, Duration restartDelay);
}
