package dev.microsim.detector.io;

import java.util.List;
import java.util.stream.Collectors;

/** Bad input: carries every problem found, so a user fixes them all in one go. */
public final class InputException extends Exception {

    private final List<InputProblem> problems;

    public InputException(List<InputProblem> problems) {
        super(render(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an InputException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public InputException(InputProblem problem) {
        this(List.of(problem));
    }

    public List<InputProblem> problems() {
        return problems;
    }

    private static String render(List<InputProblem> problems) {
        return problems.stream().map(InputProblem::render).collect(Collectors.joining("\n"));
    }
}
