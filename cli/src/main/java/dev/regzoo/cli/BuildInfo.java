package dev.regzoo.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The versions Maven wrote into {@code version.properties} when regzoo was built. */
public final class BuildInfo {

    private static final Properties PROPERTIES = load();

    private BuildInfo() {
    }

    /** regzoo's version, or {@code unknown} outside a Maven build. */
    public static String version() {
        return PROPERTIES.getProperty("version", "unknown");
    }

    /** The DL4J version regzoo was built against, or {@code unknown}. */
    public static String dl4jVersion() {
        return PROPERTIES.getProperty("dl4j.version", "unknown");
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/dev/regzoo/cli/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
