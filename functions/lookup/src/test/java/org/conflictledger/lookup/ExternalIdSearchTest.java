package org.conflictledger.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.conflictledger.domain.Change;
import org.conflictledger.domain.Status;
import org.conflictledger.domain.StoredReport;
import org.conflictledger.domain.json.ReportReader;
import org.conflictledger.domain.validation.ReportValidator;
import org.conflictledger.testing.MotoResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/reports?externalId=} (docs/api.md, "Reading"): the live report with that
 * externalId as a search page of 0 or 1 items, redacted as search is, from two GetItems.
 */
@QuarkusTest
@QuarkusTestResource(MotoResource.class)
class ExternalIdSearchTest extends LookupTestBase {

    static final String WITNESS = "01JDXK3Y6R00000000000000X1";
    static final String GONE = "01JDXK3Y6R00000000000000X2";

    @Override
    boolean seeds() {
        return false;
    }

    @BeforeEach
    void reports() {
        // A protected witness with an exact point: the public sees neither, but sees the externalId.
        write(WITNESS, "acled:SYR100", Fixtures.body("incident", "witness", "Witness X", true, "2024-11-28",
                "2024-11-28", "SYR", "SY02", "SY0200", "Aleppo", "\"lat\": 36.2021, \"lon\": 37.1343", "exact",
                "battles", "armed_clash", "Syrian Arab Army", Fixtures.killed(3), "=HYPERLINK(\\\"x\\\")", "en"));
        StoredReport gone = write(GONE, "acled:SYR101", Fixtures.body("period_total", "monitor", "Monitor", false,
                "2024-11-20", "2024-11-27", "SYR", "SY02", null, "Aleppo", null, "admin1", "battles", "armed_clash",
                "Syrian Arab Army", Fixtures.killed(9), "gone", "en"));
        store.replace(gone, gone.next(Status.RETRACTED, gone.report(), Instant.now(), "deleted upstream"),
                Change.Kind.RETRACTED, null);
        requests.reset();
    }

    private StoredReport write(String id, String externalId, String body) {
        String withId = body.replaceFirst("\\{", "{ \"externalId\": \"" + externalId + "\",");
        var report = new ReportReader(new ReportValidator(Clock.systemUTC()))
                .read(withId.getBytes(StandardCharsets.UTF_8));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        StoredReport r = new StoredReport(id, 1, Status.RECEIVED, "rep-1", now, now, null, report);
        store.create(r, null);
        return r;
    }

    @Test
    void thePublicGetsTheRedactedReportFromTwoGetItems() {
        var r = get("/v1/reports", "externalId=acled:SYR100").send();
        assertEquals(200, r.status(), r.body());
        assertEquals(Map.of("GetItem", 2L), requests.snapshot());
        assertEquals(List.of(WITNESS), ids(r));
        var item = r.json().get("items").get(0);
        assertEquals("acled:SYR100", item.get("externalId").asText(), "externalId is public");
        assertFalse(item.has("submittedBy"), r.body());
        assertFalse(item.get("source").has("name"), r.body());
        assertFalse(item.get("place").has("lat"), r.body());
        assertTrue(r.json().get("nextCursor").isNull(), r.body());
        assertEquals(null, r.header("x-next-cursor"));
    }

    @Test
    void theOwnerGetsTheFullView() {
        var r = get("/v1/reports", "externalId=acled:SYR100").as("rep-1", "reporter").send();
        var item = r.json().get("items").get(0);
        assertEquals("rep-1", item.get("submittedBy").asText(), r.body());
        assertEquals("Witness X", item.at("/source/name").asText(), r.body());
        assertEquals(36.2021, item.at("/place/lat").asDouble(), r.body());
    }

    @Test
    void anUnknownOrReleasedExternalIdIsAnEmptyPage() {
        var unknown = get("/v1/reports", "externalId=acled:NOPE").send();
        assertEquals(200, unknown.status(), unknown.body());
        assertEquals(List.of(), ids(unknown));
        assertEquals(Map.of("GetItem", 1L), requests.snapshot());
        var released = get("/v1/reports", "externalId=acled:SYR101").send();
        assertEquals(List.of(), ids(released), "a retracted report has released its externalId");
    }

    @Test
    void csvCarriesTheExternalIdColumnAfterTheId() {
        var r = get("/v1/reports", "externalId=acled:SYR100").header("Accept", "text/csv").send();
        assertEquals(200, r.status(), r.body());
        List<List<String>> rows = Csv.parse(r.body());
        int column = rows.get(0).indexOf("externalId");
        assertEquals("#meta+id+external", rows.get(1).get(column));
        assertEquals("acled:SYR100", rows.get(2).get(column));
        assertEquals(1, rows.get(0).indexOf("externalId"), "right after our own id");
        var geo = get("/v1/reports", "externalId=acled:SYR100").header("Accept", "application/geo+json").send();
        assertEquals(200, geo.status(), geo.body());
        assertEquals(0, geo.json().get("features").size(), "the public may not see the exact point");
    }

    @Test
    void otherFiltersCursorsAndBadValuesAre400s() {
        var mixed = get("/v1/reports", "externalId=acled:SYR100&country=SYR&from=2024-11-01").send();
        assertProblem(mixed, 400);
        assertEquals(List.of("country", "from"), mixed.json().get("errors").findValuesAsText("field"));
        assertTrue(mixed.json().at("/errors/0/message").asText().contains("cannot be combined with externalId"),
                mixed.body());
        assertProblem(get("/v1/reports", "externalId=acled:SYR100&cursor=abc").send(), 400);
        assertProblem(get("/v1/reports", "externalId=acled:SYR100&limit=0").send(), 400);
        assertProblem(get("/v1/reports", "externalId=").send(), 400);
        assertProblem(get("/v1/reports", "externalId=a&externalId=b").send(), 400);
        assertProblem(get("/v1/reports", "externalId=" + "x".repeat(129)).send(), 400);
        assertEquals(Map.of(), requests.snapshot(), "nothing is read for a bad request");
        assertEquals(List.of(WITNESS), ids(get("/v1/reports", "externalId=acled:SYR100&limit=5").send()));
    }
}
