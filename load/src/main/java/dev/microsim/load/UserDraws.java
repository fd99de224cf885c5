package dev.microsim.load;

import dev.microsim.model.scenario.Workload;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The load's own seeded draws, shared by every load engine (Gatling in wall time, the discrete-event
 * engine in virtual time) so that the same plan and seed pick the same journeys and think times in
 * both: each virtual user draws from its own generator fixed by (run seed, entry, user number).
 */
public final class UserDraws {
    private UserDraws() {}

    /** The generator of user (or arrival) {@code seq} of load entry {@code entry}. */
    public static SplittableRandom userRandom(long seed, int entry, long seq) {
        return new SplittableRandom(mix(seed ^ mix(entry + 1L) ^ mix(0x9E3779B97F4A7C15L * (seq + 1))));
    }

    /** Journey index drawn by weight from the user's generator. */
    public static int pickJourney(Workload.Journeys journeys, SplittableRandom random) {
        return pickJourney(journeys, journeys.totalWeight(), random);
    }

    /** The same, with {@code totalWeight} the journeys' {@link Workload.Journeys#totalWeight} summed once beforehand. */
    public static int pickJourney(Workload.Journeys journeys, double totalWeight, SplittableRandom random) {
        double x = random.nextDouble() * totalWeight;
        List<Workload.Journey> list = journeys.journeys();
        for (int j = 0; j < list.size(); j++) {
            x -= list.get(j).weight();
            if (x < 0) return j;
        }
        return list.size() - 1;
    }

    /** SplitMix64's finaliser: spreads nearby inputs (user 1, user 2) to unrelated seeds. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
