package dev.microsim.load;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one rule this module never bends: load goes to loopback only (127.0.0.0/8, localhost, ::1),
 * never to another host from this machine. Host names other than {@code localhost} are refused
 * without a DNS lookup, since a name's answer can change between the check and the request.
 */
public final class LoopbackUrls {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private LoopbackUrls() {}

    /**
     * Returns {@code uri} if it is an absolute http(s) URL on a loopback host.
     *
     * @param field how the caller names the value in errors, e.g. {@code --url} or {@code load[0].target}
     * @throws IllegalArgumentException naming the field and the value otherwise
     */
    public static URI requireLoopback(String field, URI uri) {
        if (uri == null) throw new IllegalArgumentException(field + ": a URL is required");
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(field + ": \"" + uri + "\" is not an http:// or https:// URL");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException(field + ": \"" + uri + "\" has no host (expected e.g. http://127.0.0.1:8080/path)");
        }
        if (!isLoopbackHost(host)) {
            throw new IllegalArgumentException(field + ": host \"" + host + "\" in \"" + uri
                    + "\" is not loopback; microsim only sends load to 127.0.0.0/8, localhost or ::1, never to other hosts");
        }
        return uri;
    }

    /** Parses then checks; a malformed URL is reported the same way. */
    public static URI requireLoopback(String field, String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (Exception e) {
            throw new IllegalArgumentException(field + ": \"" + url + "\" is not a valid URL (" + e.getMessage() + ")");
        }
        return requireLoopback(field, uri);
    }

    static boolean isLoopbackHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost")) return true;
        var v4 = IPV4.matcher(h);
        if (v4.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(v4.group(i)) > 255) return false;
            }
            return Integer.parseInt(v4.group(1)) == 127;
        }
        if (h.startsWith("[") && h.endsWith("]")) h = h.substring(1, h.length() - 1);
        if (h.contains(":")) {
            // An IPv6 literal: InetAddress parses literals without any name lookup.
            try {
                return InetAddress.getByName(h).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return false;
    }
}
