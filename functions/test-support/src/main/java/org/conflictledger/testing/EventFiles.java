package org.conflictledger.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The raw events in events/&lt;function&gt;/, each named &lt;what&gt;.&lt;expected status&gt;.json. */
public final class EventFiles {

    private static final Pattern NAME = Pattern.compile(".*\\.(\\d{3})\\.json");

    public record EventFile(Path path, int expectedStatus) {
        public String read() {
            try {
                return Files.readString(path);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public String name() {
            return path.getFileName().toString();
        }
    }

    private EventFiles() {
    }

    public static List<EventFile> of(String function) {
        Path dir = repoRoot().resolve("events").resolve(function);
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().map(p -> {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (!m.matches()) {
                    throw new IllegalStateException(p + " does not end with .<status>.json");
                }
                return new EventFile(p, Integer.parseInt(m.group(1)));
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The checkout's root: the nearest folder above the working directory that has events/. */
    public static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("events"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("no events/ folder above " + Path.of("").toAbsolutePath());
        }
        return p;
    }
}
