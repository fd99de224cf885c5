package dev.microsim.detector.rank;

/**
 * Ranks the services that may have caused an incident. A ranker sees only {@link Observations}
 * (telemetry, never labels) and the incident's window; it must rank every service it can see and
 * say why (an explanation per candidate).
 */
public interface RootCauseRanker {

    /** What this ranker does, in one line. */
    String description();

    /** A short, stable name for tables and files, e.g. {@code baro}. */
    String name();

    Ranking rank(Observations observations, IncidentWindow window);
}
