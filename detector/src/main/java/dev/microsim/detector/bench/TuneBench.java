package dev.microsim.detector.bench;

import dev.microsim.detector.dataset.Dataset;
import dev.microsim.detector.dataset.MicroSimDatasetReader;
import dev.microsim.detector.detect.Params;
import dev.microsim.detector.pipeline.BuiltInPipelines;
import dev.microsim.detector.pipeline.DetectionPipeline;
import dev.microsim.detector.pipeline.Progress;
import dev.microsim.detector.pipeline.TunedParameters;
import dev.microsim.detector.tune.Action;
import dev.microsim.detector.tune.CoordinateDescent;
import dev.microsim.detector.tune.PipelineTuning;
import dev.microsim.detector.tune.QLearningTuner;
import dev.microsim.detector.tune.Reward;
import dev.microsim.detector.tune.TuningResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Tunes the built-in pipeline on labelled training runs (seed 1) with the dynamic and the static
 * reward side by side, prints F and iterations to the target, and writes the best parameters any
 * run found, by training F ({@code --write FILE}: the pipeline's tuned-parameters.json). Usage:
 * {@code TuneBench [--target 0.8] [--episodes 20] [--steps 40] [--refine] [--write FILE] DATASET_DIR...}.
 * {@code --refine}: then a {@link CoordinateDescent} from the tuner's best point and from the
 * committed values, and the best of all is written.
 */
public final class TuneBench {

    public static void main(String[] args) throws Exception {
        double target = 0.8;
        int episodes = 20;
        int steps = 40;
        Path write = null;
        boolean refine = false;
        List<Dataset> training = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--target" -> target = Double.parseDouble(args[++i]);
                case "--episodes" -> episodes = Integer.parseInt(args[++i]);
                case "--steps" -> steps = Integer.parseInt(args[++i]);
                case "--write" -> write = Path.of(args[++i]);
                case "--refine" -> refine = true;
                default -> training.add(new MicroSimDatasetReader().read(Path.of(args[i])));
            }
        }
        PipelineTuning tuning = new PipelineTuning(training);
        Params start = PipelineTuning.untuned();
        List<Action> actions = Action.upAndDown(start, PipelineTuning.SPECS.stream().map(s -> s.name()).toList());
        TuningResult best = null;
        for (Reward reward : Reward.values()) {
            for (long seed = 1; seed <= 3; seed++) {
                TuningResult r = new QLearningTuner(actions, reward, target, episodes, steps, seed).tune(start, tuning::f1);
                System.out.printf("%-7s seed %d: F %.3f -> %.3f, target %.2f reached in %d of %d episodes, mean %.1f evaluations; best %s%n",
                        reward, seed, r.startF(), r.bestF(), target, r.episodesReachingTarget(), episodes, r.meanIterationsToTarget(), r.best());
                System.out.printf("        first episode to target: %s%n", r.iterationsToTarget());
                if (best == null || r.bestF() > best.bestF()) {
                    best = r;
                }
            }
        }
        Params chosen = best.best();
        double chosenF = best.bestF();
        if (refine) {
            CoordinateDescent descent = new CoordinateDescent(PipelineTuning.SPECS, 8, 4);
            for (Params from : List.of(best.best(), PipelineTuning.of(TunedParameters.loadOrDefaults()))) {
                CoordinateDescent.Result r = descent.refine(from, tuning::f1);
                System.out.printf("refined from F %.3f to %.3f in %d evaluations: %s%n", tuning.f1(from), r.bestF(), r.evaluations(), r.best());
                if (r.bestF() > chosenF) {
                    chosen = r.best();
                    chosenF = r.bestF();
                }
            }
        }
        if (write != null) {
            TunedParameters.write(PipelineTuning.perClass(chosen), chosen.getInt("mergeGap"),
                    chosen.getInt("minPoints"), chosen.getInt("minSeries"), write);
            System.out.printf("wrote %s (training F %.3f)%n", write, chosenF);
            // the tuner rescales scores instead of re-running; a re-run at the written values must agree
            DetectionPipeline pipeline = BuiltInPipelines.withParameters(TunedParameters.read(write));
            FaultEval.Counts total = new FaultEval.Counts(0, 0, 0, 0);
            for (Dataset dataset : training) {
                total = total.plus(new FaultEval().total(dataset, pipeline.run(dataset.telemetry(), Progress.NONE)));
            }
            System.out.printf("re-run at the written values: F %.3f (P %.3f, R %.3f)%n", total.f1(), total.precision(), total.recall());
        }
    }
}
