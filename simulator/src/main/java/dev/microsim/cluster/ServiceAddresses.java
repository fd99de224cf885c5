package dev.microsim.cluster;

import dev.microsim.runtime.CalleeLookup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where services are reached by name: in a cluster, the Kubernetes Service of the same name on
 * port 8080 (DNS); elsewhere, {@code NAME=HOST:PORT} pairs given on the command line or in
 * {@code MICROSIM_CALLEES} (a cluster-shaped run on one machine maps names to 127.0.0.1 ports).
 */
public final class ServiceAddresses {
    public static final int SERVICE_PORT = 8080;

    private ServiceAddresses() {}

    /** Parses {@code NAME=HOST:PORT} pairs (comma-separated items allowed); every problem is reported, naming {@code field}. */
    public static Map<String, CalleeLookup.Address> parse(String field, List<String> pairs) {
        Map<String, CalleeLookup.Address> out = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String item : pairs) {
            for (String pair : item.split(",")) {
                String p = pair.trim();
                if (p.isEmpty()) continue;
                int eq = p.indexOf('=');
                int colon = p.lastIndexOf(':');
                if (eq <= 0 || colon <= eq + 1 || colon == p.length() - 1) {
                    problems.add(field + ": expected NAME=HOST:PORT, got \"" + p + "\"");
                    continue;
                }
                String name = p.substring(0, eq);
                String host = p.substring(eq + 1, colon);
                int port;
                try {
                    port = Integer.parseInt(p.substring(colon + 1));
                } catch (NumberFormatException e) {
                    problems.add(field + ": the port in \"" + p + "\" is not a number");
                    continue;
                }
                if (port < 1 || port > 65535) {
                    problems.add(field + ": the port in \"" + p + "\" must be 1..65535");
                    continue;
                }
                if (out.put(name, new CalleeLookup.Address(host, port)) != null) problems.add(field + ": \"" + name + "\" is given twice");
            }
        }
        if (!problems.isEmpty()) throw new IllegalArgumentException(String.join("\n", problems));
        return out;
    }

    /** The given addresses, and for any other name its cluster Service ({@code NAME:8080}). */
    public static CalleeLookup lookup(Map<String, CalleeLookup.Address> given) {
        Map<String, CalleeLookup.Address> fixed = Map.copyOf(given);
        Map<String, CalleeLookup.Address> dns = new java.util.concurrent.ConcurrentHashMap<>();
        return service -> {
            CalleeLookup.Address a = fixed.get(service);
            return a != null ? a : dns.computeIfAbsent(service, s -> new CalleeLookup.Address(s, SERVICE_PORT));
        };
    }

    /** {@code NAME=HOST:PORT,...}, the form {@link #parse} reads. */
    public static String format(Map<String, CalleeLookup.Address> addresses) {
        StringBuilder b = new StringBuilder();
        addresses.forEach((name, a) -> b.append(b.length() == 0 ? "" : ",").append(name).append('=').append(a.host()).append(':').append(a.port()));
        return b.toString();
    }
}
