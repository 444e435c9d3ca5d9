package org.conflictledger.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.conflictledger.core.domain.Status;
import org.conflictledger.core.domain.StoredReport;
import org.conflictledger.core.json.ReportReader;
import org.conflictledger.core.storage.ReportStore;
import org.conflictledger.core.validation.ReportValidator;
import org.conflictledger.testing.EventFiles;
import org.conflictledger.testing.LambdaEvents;
import org.conflictledger.testing.MotoResource;
import org.conflictledger.testing.Samples;
import org.conflictledger.testing.Table;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every file in events/submit, replayed through the handler on a table holding the fixture report. */
@QuarkusTest
@QuarkusTestResource(MotoResource.class)
class EventReplayTest {

    /** The report the PUT, DELETE and review events name; reporter-1 owns it. */
    static final String FIXTURE_ID = "01JDRZ5V7N3P2Q8R4S6T8V0W2X";

    @Inject
    ReportStore store;

    @Inject
    software.amazon.awssdk.services.dynamodb.DynamoDbClient db;

    @TestFactory
    Stream<DynamicTest> everySubmitEventGetsItsExpectedStatus() {
        List<EventFiles.EventFile> files = EventFiles.of("submit");
        assertTrue(files.size() >= 20, "events/submit has an event per route and error path");
        return files.stream().map(f -> DynamicTest.dynamicTest(f.name(), () -> {
            Table.reset(db, MotoResource.TABLE);
            var report = new ReportReader(new ReportValidator()).read(
                    Samples.incident("2024-11-28", "SY0200", 12, "OHCHR").getBytes());
            Instant at = Instant.parse("2024-11-30T10:00:00Z");
            store.create(new StoredReport(FIXTURE_ID, 1, Status.RECEIVED, "reporter-1", at, at, null, report), null);
            var reply = LambdaEvents.send(f.read());
            assertEquals(f.expectedStatus(), reply.status(), f.name() + ": " + reply.body());
            if (reply.status() >= 400) {
                assertTrue(reply.header("content-type").startsWith("application/problem+json"), f.name());
            }
        }));
    }
}
