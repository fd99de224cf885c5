package dev.microsim.detector.io;

import java.util.ArrayList;
import java.util.List;

/** Gathers problems while a reader keeps going, then fails once with all of them. */
public final class ProblemCollector {

    /** Past this many, more problems add noise rather than help; the count is still reported. */
    static final int MAX_REPORTED = 50;

    private final List<InputProblem> problems = new ArrayList<>();
    private int suppressed;

    public void add(InputProblem problem) {
        if (problems.size() < MAX_REPORTED) {
            problems.add(problem);
        } else {
            suppressed++;
        }
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public void throwIfAny() throws InputException {
        if (problems.isEmpty()) {
            return;
        }
        List<InputProblem> all = new ArrayList<>(problems);
        if (suppressed > 0) {
            InputProblem last = problems.get(problems.size() - 1);
            all.add(InputProblem.ofFile(last.file(), "... and " + suppressed + " more problems"));
        }
        throw new InputException(all);
    }
}
