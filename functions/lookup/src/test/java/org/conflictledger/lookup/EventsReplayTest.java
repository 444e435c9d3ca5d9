package org.conflictledger.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.conflictledger.domain.json.Json;
import org.conflictledger.testing.ApiContract;
import org.conflictledger.testing.LambdaEvents;
import org.conflictledger.testing.MotoResource;
import org.junit.jupiter.api.Test;

/** Every raw event in events/lookup, replayed against the fixtures with the status its name ends with. */
@QuarkusTest
@QuarkusTestResource(MotoResource.class)
@QuarkusTestResource(JwtKeys.class)
class EventsReplayTest extends LookupTestBase {

    static final Pattern NAME = Pattern.compile(".*\\.(\\d{3})\\.json");

    /** events/lookup, found by walking up from the module directory. */
    static Path eventsDir() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("events").resolve("lookup");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("events/lookup not found above " + Path.of("").toAbsolutePath());
    }

    static List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(eventsDir())) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    @Test
    void everyEventGivesItsStatus() throws IOException {
        List<Path> files = files();
        assertTrue(files.size() >= 20, "events/lookup holds " + files.size() + " files");
        List<String> failures = new ArrayList<>();
        for (Path f : files) {
            Matcher m = NAME.matcher(f.getFileName().toString());
            assertTrue(m.matches(), f.getFileName() + " must end with .<status>.json");
            int expected = Integer.parseInt(m.group(1));
            String raw = Files.readString(f, StandardCharsets.UTF_8);
            LambdaEvents.Reply r = LambdaEvents.send(raw);
            if (r.status() != expected) {
                failures.add(f.getFileName() + ": " + r.status() + " " + r.body());
                continue;
            }
            if (expected >= 400) {
                assertTrue(r.header("content-type").startsWith("application/problem+json"), f.getFileName().toString());
            }
            if (expected == 200 && f.getFileName().toString().contains(".public.")) {
                // The fixtures' submitters are rep-1, rep-2 and rep-3: the public never sees them.
                assertFalse(r.body().contains("\"rep-") || r.body().contains(",rep-"), f.getFileName() + ": " + r.body());
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void everyLookupRouteHasEvents() throws IOException {
        Set<String> covered = new TreeSet<>();
        for (Path f : files()) {
            JsonNode e = Json.mapper().readTree(Files.readString(f, StandardCharsets.UTF_8));
            String method = e.at("/requestContext/http/method").asText();
            String path = e.get("rawPath").asText().replaceAll("/v1/reports/[^/]+", "/v1/reports/{id}");
            covered.add(method + " " + path);
            assertEquals("2.0", e.get("version").asText(), f.toString());
        }
        Set<String> routes = new TreeSet<>(ApiContract.routesOf("lookup"));
        assertTrue(covered.containsAll(routes), "routes without an event: " + routes + " vs " + covered);
    }
}
