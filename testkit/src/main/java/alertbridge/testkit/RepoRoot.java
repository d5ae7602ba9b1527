package alertbridge.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root, found from a module's working directory by looking for template.yaml. */
public final class RepoRoot {
    private RepoRoot() {
    }

    public static Path path() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.exists(dir.resolve("template.yaml")) && Files.exists(dir.resolve("pom.xml"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("template.yaml not found above " + Path.of("").toAbsolutePath());
    }

    public static Path resolve(String relative) {
        return path().resolve(relative);
    }
}
