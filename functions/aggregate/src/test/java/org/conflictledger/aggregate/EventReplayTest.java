package org.conflictledger.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.conflictledger.testing.EventFiles;
import org.conflictledger.testing.MotoResource;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every file in events/aggregate (named &lt;what&gt;.&lt;ok|rejected&gt;.json) through the handler. */
@QuarkusTest
@QuarkusTestResource(MotoResource.class)
class EventReplayTest extends AggregateTestBase {

    @TestFactory
    Stream<DynamicTest> everyAggregateEventGetsItsExpectedOutcome() throws IOException {
        Path dir = EventFiles.repoRoot().resolve("events/aggregate");
        var files = Files.list(dir).filter(p -> p.toString().endsWith(".json")).sorted().toList();
        assertTrue(files.size() >= 4);
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            store(incident("2024-11-28", "SY0200", "SOHR", "2024-11-28T20:00:00Z", 10));
            String name = f.getFileName().toString();
            String expected = name.substring(name.lastIndexOf('.', name.length() - 6) + 1, name.length() - 5);
            var reply = invoke(Files.readString(f));
            assertEquals(expected, reply.get("status").asText(), name + ": " + reply);
        }));
    }
}
