package org.accord.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No Docker engine runs where the tests run, so the image is checked by reading: after the build,
 * every path the Dockerfile copies must exist, in the repository or in the build output.
 */
class DockerFilesIT {

    static final Path DOCKERFILE = Path.of("docker/Dockerfile");
    static final String BUILD_DIR = "/build/";

    @Test
    void everyPathTheDockerfileCopiesExistsAfterTheBuild() throws IOException {
        List<String> sources = new ArrayList<>();
        for (String line : Files.readAllLines(DOCKERFILE)) {
            String trimmed = line.strip();
            if (!trimmed.startsWith("COPY ")) {
                continue;
            }
            List<String> words = new ArrayList<>(Arrays.asList(trimmed.split("\\s+")));
            words.remove(0);
            words.removeIf(w -> w.startsWith("--") && !w.startsWith("--from"));
            boolean fromBuild = words.remove("--from=build");
            words.remove(words.size() - 1); // the destination
            for (String source : words) {
                // the build stage works in /build, a copy of the repository in which Maven has built
                sources.add(fromBuild ? source.substring(BUILD_DIR.length()) : source);
            }
        }
        assertFalse(sources.isEmpty(), "no COPY lines found in " + DOCKERFILE);
        for (String source : sources) {
            assertTrue(Files.exists(Path.of(source)), DOCKERFILE + " copies " + source + ", which does not exist after the build");
        }
    }

    @Test
    void composeBuildsThisDockerfileAndGivesTheAppItsDatabaseSettings() throws IOException {
        String compose = Files.readString(Path.of("docker/compose.yaml"));
        String properties = Files.readString(Path.of("src/main/resources/application.properties"));
        assertTrue(compose.contains("dockerfile: docker/Dockerfile"));
        for (String variable : List.of("ACCORD_DB_URL", "ACCORD_DB_USER", "ACCORD_DB_PASSWORD")) {
            assertTrue(compose.contains(variable + ":"), "compose does not set " + variable);
            assertTrue(properties.contains("${" + variable), "the app does not read " + variable);
        }
    }
}
