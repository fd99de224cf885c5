package dev.microsim.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * A file inside an npm WebJar on the classpath, read so it can be inlined into a report. The
 * version is taken from the jar's own {@code pom.properties}, so it is written only in the parent pom.
 */
record WebJarFile(String artifact, String path) {

    static final WebJarFile UPLOT_JS = new WebJarFile("uplot", "dist/uPlot.iife.min.js");
    static final WebJarFile UPLOT_CSS = new WebJarFile("uplot", "dist/uPlot.min.css");
    static final WebJarFile CYTOSCAPE_JS = new WebJarFile("cytoscape", "dist/cytoscape.min.js");

    String version() {
        Properties properties = new Properties();
        try (InputStream in = open("META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }

    String read() {
        try (InputStream in = open("META-INF/resources/webjars/" + artifact + "/" + version() + "/" + path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String resource) {
        InputStream in = WebJarFile.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("classpath resource " + resource + " is missing: the WebJar is not on the classpath");
        }
        return in;
    }
}
