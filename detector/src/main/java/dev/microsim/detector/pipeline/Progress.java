package dev.microsim.detector.pipeline;

/** Progress of long work (the CLI shows a bar); implementations must tolerate calls from several threads. */
public interface Progress {

    Progress NONE = new Progress() {
        @Override
        public void begin(String task, long total) {
        }

        @Override
        public void advance(long steps) {
        }

        @Override
        public void end() {
        }
    };

    void begin(String task, long total);

    void advance(long steps);

    void end();
}
