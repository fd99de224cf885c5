package dev.microsim.faults.kinds;

import dev.microsim.faults.effect.Effect;
import java.util.List;

/** Requests fail with an exception: HTTP 500 and an ERROR log carrying the exception class and a stack trace. */
public record ExceptionFault(String exception, int status) implements Fault {
    public static final FaultType TYPE = new FaultType("exception", "requests throw: error status plus ERROR logs with stack traces",
            List.of("exception", "status"), true, (p, target) -> {
                p.targetAllows(target, "exception", true, true, false, true);
                String ex = p.string("exception", "java.lang.IllegalStateException");
                if (ex != null && !ex.matches("([a-zA-Z_$][\\w$]*\\.)*[A-Z][\\w$]*")) {
                    p.problem("exception", "expected a Java class name like java.io.IOException, got \"" + ex + "\"");
                }
                int status = p.integer("status", 500, 500, 599);
                return p.ok() ? new ExceptionFault(ex, status) : null;
            });

    public String kind() {
        return TYPE.name();
    }

    public String describe() {
        return "throws " + exception + " (HTTP " + status + ", ERROR log with stack trace)";
    }

    public Applied inject(Injection in) {
        return in.apply(new Effect.Abort(in.scope(), status, exception));
    }
}
