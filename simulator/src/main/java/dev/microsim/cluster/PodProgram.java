package dev.microsim.cluster;

import dev.microsim.cli.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a pod of {@code run --mode pods} runs (after its JVM options, before {@code serve ...}):
 * the Quarkus application of module serve ({@code java -jar .../quarkus-app/quarkus-run.jar}, what
 * the image runs), or the plain serve from this JVM's own classpath. The simulator cannot depend on
 * serve (serve depends on it), so the jar is found at run time, by this rule
 * (docs/kubernetes.md, "A cluster on one machine"):
 * <ol>
 *   <li>{@value #ENV} names the jar (the {@code ./microsim} launcher sets it to its checkout's
 *       {@code serve/target/quarkus-app/quarkus-run.jar}, which its build makes); a path that is not a
 *       file is an error, never a silent fallback; the value {@code plain} asks for the plain serve;</li>
 *   <li>unset, and this JVM itself runs from a {@code quarkus-run.jar} (the image's entrypoint): that jar;</li>
 *   <li>unset otherwise (the CLI started by hand from simulator's classpath, the simulator's own tests):
 *       the plain serve, and the run says so.</li>
 * </ol>
 *
 * @param name what the run prints about its pods
 * @param launch the java arguments that name the program ({@code -jar JAR}, or {@code -cp CP Main})
 */
public record PodProgram(String name, List<String> launch) {
    public static final String ENV = "MICROSIM_SERVE_JAR";
    static final String OPENS = "--add-opens=java.base/java.lang=ALL-UNNAMED";

    public PodProgram {
        launch = List.copyOf(launch);
    }

    /** The plain serve (its own Vert.x, hand-written health JSON) from {@code classPath}. */
    public static PodProgram plain(String classPath) {
        return new PodProgram("the plain serve from this JVM's classpath", List.of(OPENS, "-cp", classPath, Main.class.getName()));
    }

    /** The plain serve from this JVM's own classpath. */
    public static PodProgram plain() {
        return plain(System.getProperty("java.class.path"));
    }

    /** The Quarkus application ({@code serve/target/quarkus-app/quarkus-run.jar} or the image's copy of it). */
    public static PodProgram quarkus(Path jar) {
        return new PodProgram("the Quarkus serve " + jar, List.of(OPENS, "-jar", jar.toString()));
    }

    /** By the rule above; a problem (naming {@value #ENV} and its value) goes to {@code problems}, and then null comes back. */
    public static PodProgram resolve(Map<String, String> env, String classPath, List<String> problems) {
        String named = env.get(ENV);
        if (named != null && !named.isBlank()) {
            if (named.equals("plain")) return plain(classPath);
            Path jar = Path.of(named);
            if (!Files.isRegularFile(jar)) {
                problems.add(ENV + "=" + named + ": no such file (build it with ./mvnw -B -pl serve -am package -DskipTests, or set "
                        + ENV + "=plain for the plain serve)");
                return null;
            }
            return quarkus(jar.toAbsolutePath());
        }
        if (!classPath.contains(java.io.File.pathSeparator) && Path.of(classPath).getFileName() != null
                && Path.of(classPath).getFileName().toString().equals("quarkus-run.jar")) {
            return quarkus(Path.of(classPath).toAbsolutePath());
        }
        return plain(classPath);
    }

    /** By the rule above, from this JVM's environment and classpath. */
    public static PodProgram resolve(List<String> problems) {
        return resolve(System.getenv(), System.getProperty("java.class.path"), problems);
    }
}
