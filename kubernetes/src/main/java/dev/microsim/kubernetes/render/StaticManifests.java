package dev.microsim.kubernetes.render;

import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The static parts of a rendered mesh, kept as YAML in the repository's {@code manifests/} folder
 * (packaged under {@value #ROOT}): the collector's configuration and the injector's Role.
 */
public final class StaticManifests {
    static final String ROOT = "/dev/microsim/kubernetes/manifests/";
    public static final String COLLECTOR_CONFIG = "otel-collector/config.yaml";
    public static final String INJECTOR_ROLE = "rbac/injector-role.yaml";

    private StaticManifests() {}

    public static String text(String path) {
        try (InputStream in = StaticManifests.class.getResourceAsStream(ROOT + path)) {
            if (in == null) throw new IllegalStateException("manifests/" + path + " is missing from the build (the kubernetes module packages ../manifests)");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read manifests/" + path, e);
        }
    }

    /** The injector's Role as written in manifests/, without namespace. */
    public static Role injectorRole() {
        return new KubernetesSerialization().unmarshal(text(INJECTOR_ROLE), Role.class);
    }
}
