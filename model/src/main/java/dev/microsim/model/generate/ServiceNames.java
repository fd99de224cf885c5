package dev.microsim.model.generate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Realistic, unique service names for generated meshes: gateways, business services and
 * backends named after the business service they serve. When a pool runs out, names get a
 * number ({@code orders-2}) so that meshes of any size stay unique and valid DNS labels.
 */
final class ServiceNames {
    static final List<String> ENTRY = List.of(
            "gateway", "web-frontend", "mobile-bff", "partner-api", "admin-portal", "public-api", "graphql", "edge-proxy");
    static final List<String> BUSINESS = List.of(
            "orders", "cart", "catalog", "payments", "users", "auth", "search", "inventory", "shipping", "pricing",
            "reviews", "recommendations", "notifications", "billing", "accounts", "checkout", "ratings", "profiles",
            "sessions", "media", "geo", "ads", "loyalty", "coupons", "fraud", "ledger", "tax", "wishlist", "feeds",
            "messaging", "invoices", "returns", "warehouse", "delivery", "currency", "quotes", "subscriptions",
            "analytics", "audit", "identity", "preferences", "content", "comments", "uploads", "thumbnails",
            "translations", "scheduler", "bookings", "availability", "refunds");
    /** Backend kinds: the name suffix and the kind of I/O it does. */
    enum Backend {
        DB("db"), CACHE("cache"), QUEUE("queue"), STORE("store");

        final String suffix;

        Backend(String suffix) {
            this.suffix = suffix;
        }
    }

    private final RandomGenerator random;
    private final Set<String> used = new HashSet<>();
    private final Map<String, Integer> nextSuffix = new HashMap<>();
    /** Business names not handed out yet in this round; refilled (then numbered) when empty. */
    private final List<String> fresh = new ArrayList<>();

    ServiceNames(RandomGenerator random) {
        this.random = random;
    }

    String entry(int index) {
        return unique(index < ENTRY.size() ? ENTRY.get(index) : ENTRY.get(index % ENTRY.size()));
    }

    String business() {
        if (fresh.isEmpty()) fresh.addAll(BUSINESS);
        return unique(fresh.remove(random.nextInt(fresh.size())));
    }

    /** A backend of {@code owner}: {@code orders-db}, {@code catalog-cache}. */
    String backend(String owner, Backend kind) {
        String base = owner.replaceAll("-\\d+$", "");
        return unique(base + "-" + kind.suffix);
    }

    /**
     * The base, else the smallest free {@code base-i} (i >= 2). Every suffix below {@code nextSuffix[base]} was
     * found taken before and names are never released, so the search starts there: the same names as a search
     * from 2, without a scan that made 100,000 services quadratic.
     */
    private String unique(String base) {
        if (used.add(base)) return base;
        for (int i = nextSuffix.getOrDefault(base, 2); ; i++) {
            String candidate = base + "-" + i;
            if (used.add(candidate)) {
                nextSuffix.put(base, i + 1);
                return candidate;
            }
        }
    }
}
