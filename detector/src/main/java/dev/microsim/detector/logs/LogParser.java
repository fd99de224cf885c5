package dev.microsim.detector.logs;

import java.util.List;
import java.util.function.Supplier;

/**
 * Assigns every message of a batch its template. Batch parsers may look at the whole batch before
 * deciding (word frequencies); an online {@link LogTemplateMiner} is one through {@link #online}.
 * Parsers see message text only, never a ground-truth template.
 */
public interface LogParser {

    /** What this parser does and with which settings, in one line. */
    String description();

    /** The template of each message, in the order given; equal text means one group. */
    List<String> parse(List<String> messages);

    /** A batch view of an online miner: a fresh miner per batch, messages fed in order. */
    static LogParser online(Supplier<? extends LogTemplateMiner> miners) {
        String description = miners.get().description();
        return new LogParser() {
            @Override
            public String description() {
                return description;
            }

            @Override
            public List<String> parse(List<String> messages) {
                LogTemplateMiner miner = miners.get();
                int[] ids = new int[messages.size()];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = miner.add(messages.get(i));
                }
                return miner.finalTemplates(ids);
            }
        };
    }
}
