package io.ductwatch.config;

import java.nio.file.Path;

/** Folders of this module and the repository, as the tests see them. */
public final class ModulePaths {

    private ModulePaths() {
    }

    /** The firmware-config module folder (Surefire sets {@code basedir}). */
    public static Path module() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
    }

    public static Path sites() {
        return module().resolve("sites");
    }

    public static Path invalidFixtures() {
        return module().resolve("src/test/resources/invalid");
    }

    public static Path schemaFile() {
        return module().resolve("schema/site.schema.json");
    }

    public static Path docs() {
        return module().getParent().resolve("docs");
    }
}
