package dev.microsim.detector.tune;

import dev.microsim.detector.detect.Params;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/**
 * Q-learning over parameter adjustments. The state is the detector's current F level (F in
 * {@code levels} equal bins); an action moves one parameter ({@link Action}); the reward is
 * {@link Reward#DYNAMIC} or {@link Reward#STATIC}. Each episode starts from the starting
 * parameters and walks up to {@code steps} actions, epsilon-greedy on a Q table kept across
 * episodes, and ends when F reaches the target. F comes from {@code evaluate}, the only place
 * labels are used: on training runs, never on the runs a tuned detector is reported on.
 */
public final class QLearningTuner {

    private final List<Action> actions;
    private final Reward reward;
    private final double target;
    private final int episodes;
    private final int steps;
    private final int levels;
    private final double learningRate;
    private final double discount;
    private final double epsilon;
    private final long seed;

    public QLearningTuner(List<Action> actions, Reward reward, double target, int episodes, int steps, long seed) {
        if (actions.isEmpty()) {
            throw new IllegalArgumentException("the tuner needs at least one action");
        }
        if (!(target > 0 && target <= 1)) {
            throw new IllegalArgumentException("target F = " + target + " is outside (0, 1]");
        }
        if (episodes < 1 || steps < 1) {
            throw new IllegalArgumentException("episodes (" + episodes + ") and steps (" + steps + ") must be >= 1");
        }
        this.actions = List.copyOf(actions);
        this.reward = reward;
        this.target = target;
        this.episodes = episodes;
        this.steps = steps;
        this.levels = 10;
        this.learningRate = 0.5;
        this.discount = 0.8;
        this.epsilon = 0.2;
        this.seed = seed;
    }

    public TuningResult tune(Params start, ToDoubleFunction<Params> evaluate) {
        Random random = new Random(seed);
        double[][] q = new double[levels + 1][actions.size()];
        Map<Params, Double> memo = new HashMap<>();
        ToDoubleFunction<Params> f = p -> memo.computeIfAbsent(p, evaluate::applyAsDouble);
        double startF = f.applyAsDouble(start);
        Params best = start;
        double bestF = startF;
        List<double[]> history = new ArrayList<>();
        List<Integer> toTarget = new ArrayList<>();
        for (int e = 0; e < episodes; e++) {
            Params current = start;
            double currentF = startF;
            double episodeBest = startF;
            double[] trace = new double[steps + 1];
            trace[0] = startF;
            int reached = startF >= target ? 0 : -1;
            int t = 1;
            for (; t <= steps && reached < 0; t++) {
                int state = level(currentF);
                int a = random.nextDouble() < epsilon ? random.nextInt(actions.size()) : greedy(q[state], random);
                Params next = actions.get(a).apply(current);
                double nextF = f.applyAsDouble(next);
                double r = reward.of(nextF, currentF, episodeBest, target);
                int nextState = level(nextF);
                double future = max(q[nextState]);
                q[state][a] += learningRate * (r + discount * future - q[state][a]);
                // Keep the move only if it did not make things worse: a worse set is a dead end to learn from, not a place to stay.
                if (nextF >= currentF) {
                    current = next;
                    currentF = nextF;
                }
                episodeBest = Math.max(episodeBest, nextF);
                if (nextF > bestF) {
                    bestF = nextF;
                    best = next;
                }
                trace[t] = episodeBest;
                if (nextF >= target) {
                    reached = t;
                }
            }
            for (; t <= steps; t++) {
                trace[t] = episodeBest;
            }
            history.add(trace);
            toTarget.add(reached);
        }
        return new TuningResult(best, bestF, startF, history, toTarget);
    }

    private int level(double f) {
        return (int) Math.max(0, Math.min(levels, Math.floor((Double.isNaN(f) ? 0 : f) * levels)));
    }

    private static int greedy(double[] row, Random random) {
        double best = max(row);
        List<Integer> ties = new ArrayList<>();
        for (int i = 0; i < row.length; i++) {
            if (row[i] == best) {
                ties.add(i);
            }
        }
        return ties.get(random.nextInt(ties.size()));
    }

    private static double max(double[] row) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : row) {
            m = Math.max(m, v);
        }
        return m;
    }
}
