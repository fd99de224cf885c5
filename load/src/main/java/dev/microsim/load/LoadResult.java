package dev.microsim.load;

/** Totals of a finished load run. {@code stoppedEarly} is true when it was cancelled. */
public record LoadResult(long requests, long errors, boolean stoppedEarly) {}
