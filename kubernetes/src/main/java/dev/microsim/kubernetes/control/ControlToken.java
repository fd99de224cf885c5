package dev.microsim.kubernetes.control;

import dev.microsim.kubernetes.render.MeshRenderer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The pods' control token, from the mesh's Secret (the injector may read this one Secret, nothing else). */
public final class ControlToken {
    private ControlToken() {}

    public static String read(KubernetesClient client, String namespace) {
        var secret = client.secrets().inNamespace(namespace).withName(MeshRenderer.CONTROL_SECRET).get();
        if (secret == null || secret.getData() == null || !secret.getData().containsKey(MeshRenderer.CONTROL_SECRET_KEY)) {
            throw new IllegalStateException("namespace " + namespace + " has no Secret " + MeshRenderer.CONTROL_SECRET + " with key "
                    + MeshRenderer.CONTROL_SECRET_KEY + " (microsim deploy creates it; see docs/kubernetes.md)");
        }
        return new String(Base64.getDecoder().decode(secret.getData().get(MeshRenderer.CONTROL_SECRET_KEY)), StandardCharsets.US_ASCII).trim();
    }
}
