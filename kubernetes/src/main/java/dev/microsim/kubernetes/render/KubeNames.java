package dev.microsim.kubernetes.render;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Kubernetes names and label values made from scenario text. Service names are DNS labels already
 * (the scenario validator insists); scenario names and fault ids are free text, so they are folded
 * to lowercase DNS labels, and a long one keeps a short hash of the original so two ids never meet.
 */
public final class KubeNames {
    /** A DNS-1123 label and a label value are both at most 63 characters. */
    public static final int MAX = 63;

    private KubeNames() {}

    /** {@code text} as a DNS-1123 label: lowercase alphanumerics and '-', starting and ending alphanumeric, at most 63. */
    public static String label(String text) {
        String s = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("-{2,}", "-").replaceAll("^-+|-+$", "");
        if (s.isEmpty()) s = "x";
        if (!Character.isLetter(s.charAt(0))) s = "x-" + s;
        if (s.length() <= MAX && s.equals(text)) return s;
        // Folded or shortened: keep a hash of the original so that distinct texts stay distinct.
        String hash = sha256(text).substring(0, 8);
        int keep = Math.min(s.length(), MAX - hash.length() - 1);
        return s.substring(0, keep).replaceAll("-+$", "") + "-" + hash;
    }

    /** The default namespace of a scenario: {@code microsim-<scenario>}. */
    public static String namespace(String scenarioName) {
        return label("microsim-" + scenarioName);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
