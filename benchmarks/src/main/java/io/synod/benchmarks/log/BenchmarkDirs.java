package io.synod.benchmarks.log;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where benchmark files go: {@code -Dsynod.bench.dir=...} if given, else {@code target/bench-data} next to the
 * benchmarks jar (so fsyncs hit the disk the project lives on, not a tmpfs {@code /tmp}).
 */
final class BenchmarkDirs {

    private BenchmarkDirs() {
    }

    static Path root() throws IOException {
        String override = System.getProperty("synod.bench.dir");
        Path root;
        if (override != null) {
            root = Paths.get(override);
        } else {
            try {
                Path jar = Paths.get(BenchmarkDirs.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                root = jar.getParent().resolve("bench-data");
            } catch (URISyntaxException | SecurityException e) {
                root = Paths.get("target", "bench-data");
            }
        }
        return Files.createDirectories(root);
    }

    static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
