package dev.microsim.detector.logs;

import java.util.List;

/**
 * Turns log messages into templates online: each message is assigned to a group (a template id)
 * the moment it arrives; a group's template may still generalise as later messages join it
 * ({@code "user <*> logged in"}). Implementations see message text only, never a ground-truth
 * template.
 */
public interface LogTemplateMiner {

    /** The parameter placeholder in templates. */
    String WILDCARD = "<*>";

    /** What this miner does and with which settings, in one line. */
    String description();

    /** Assigns a message (the content part of a log line, header removed) to a group; returns the group's id. */
    int add(String message);

    /** The current template of a group, tokens joined by single spaces. */
    String template(int groupId);

    /** Number of groups so far; ids run from 0 to {@code groups() - 1}. */
    int groups();

    /**
     * The final grouping of every message added so far, in arrival order, as template text: two
     * messages are in one group when their groups' final templates are equal (Drain's own
     * evaluation merges groups that way).
     */
    default List<String> finalTemplates(int[] groupIdsInArrivalOrder) {
        String[] byGroup = new String[groups()];
        for (int g = 0; g < byGroup.length; g++) {
            byGroup[g] = template(g);
        }
        String[] out = new String[groupIdsInArrivalOrder.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = byGroup[groupIdsInArrivalOrder[i]];
        }
        return List.of(out);
    }
}
