package org.conflictledger.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.stream.Stream;
import org.conflictledger.store.ReportStore;
import org.conflictledger.testing.EventFiles;
import org.conflictledger.testing.LambdaEvents;
import org.conflictledger.testing.MotoResource;
import org.conflictledger.testing.ReplaySeeds;
import org.conflictledger.testing.Table;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Every file in events/submit, replayed through the handler on a table holding the fixture report. */
@QuarkusTest
@QuarkusTestResource(MotoResource.class)
class EventReplayTest {

    @Inject
    ReportStore store;

    @Inject
    DynamoDbClient db;

    @TestFactory
    Stream<DynamicTest> everySubmitEventGetsItsExpectedStatus() {
        List<EventFiles.EventFile> files = EventFiles.of("submit");
        assertTrue(files.size() >= 20, "events/submit has an event per route and error path");
        return files.stream().map(f -> DynamicTest.dynamicTest(f.name(), () -> {
            Table.reset(db, MotoResource.TABLE);
            ReplaySeeds.submit(store);
            var reply = LambdaEvents.send(f.read());
            assertEquals(f.expectedStatus(), reply.status(), f.name() + ": " + reply.body());
            if (reply.status() >= 400) {
                assertTrue(reply.header("content-type").startsWith("application/problem+json"), f.name());
            }
        }));
    }
}
