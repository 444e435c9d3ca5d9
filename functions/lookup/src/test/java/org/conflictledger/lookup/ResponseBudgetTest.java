package org.conflictledger.lookup;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.conflictledger.domain.Group;
import org.conflictledger.domain.Metric;
import org.conflictledger.domain.Status;
import org.conflictledger.domain.StoredReport;
import org.conflictledger.domain.json.Json;
import org.conflictledger.domain.json.ReportReader;
import org.conflictledger.domain.json.ResponseBudget;
import org.conflictledger.domain.validation.ReportValidator;
import org.conflictledger.testing.Bulk;
import org.conflictledger.testing.LambdaEvents;
import org.conflictledger.testing.MotoResource;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 4: a search page of maximal reports (64 KiB bodies whose text is all quotes, so
 * that escaping doubles them again in Lambda's response document) at limit=500 stays within
 * Lambda's 6 MB response limit in every format, and its cursor walk still returns every report once.
 */
@QuarkusTest
@QuarkusTestResource(MotoResource.class)
@QuarkusTestResource(JwtKeys.class)
class ResponseBudgetTest extends LookupTestBase {

    static final int REPORTS = 60;
    static final String QUERY = "admin1=SY02&from=2024-11-01&to=2024-11-30&limit=500";

    @Override
    boolean seeds() {
        return false;
    }

    /** A report body just under submit's 64 KiB limit: every free-text field full, all of it quotes. */
    static String maximalBody(int n) {
        ObjectNode b = Json.mapper().createObjectNode();
        b.put("scope", "incident");
        ObjectNode source = b.putObject("source");
        source.put("kind", "monitor").put("name", "Monitor \"" + n + "\"").put("url", "https://example.org/" + n)
                .put("publishedAt", "2024-12-10T08:00:00Z").put("protected", false);
        String day = "2024-11-" + String.format("%02d", 1 + n % 28);
        b.putObject("period").put("start", day).put("end", day);
        b.put("datePrecision", "day");
        b.putObject("place").put("country", "SYR").put("admin1", "SY02").put("name", "Aleppo")
                .put("lat", 36.2).put("lon", 37.1).put("precision", "admin1");
        b.put("eventType", "battles").put("subEventType", "armed_clash");
        b.putArray("actors").addObject().put("name", "Syrian Arab Army").put("type", "state_forces");
        ArrayNode figures = b.putArray("figures");
        for (Metric m : Metric.values()) {
            for (Group g : Group.values()) {
                figures.addObject().put("metric", m.toString()).put("group", g.toString())
                        .put("value", g == Group.ALL ? 100 : 1).put("qualifier", "exact").put("text", "\"".repeat(900));
            }
        }
        b.put("summary", "\"".repeat(4000));
        b.put("language", "en");
        return b.toString();
    }

    /** Lenient about size: core's mapper refuses strings over 1 MiB, and a page body is larger. */
    static final ObjectMapper LARGE = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(64 << 20).build()).build());

    record Sent(long documentBytes, LambdaEvents.Reply reply) {
        JsonNode json() {
            try {
                return LARGE.readTree(reply.body());
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** Sends the event and measures the raw Lambda response document, as the runtime hands it to API Gateway. */
    static Sent send(LambdaEvents.Builder request) {
        String raw = given().contentType(ContentType.JSON).body(request.event().toString().getBytes(StandardCharsets.UTF_8))
                .post("/_lambda_").then().extract().asString();
        try {
            JsonNode r = LARGE.readTree(raw);
            Map<String, String> headers = new HashMap<>();
            r.get("headers").fields().forEachRemaining(f -> headers.put(f.getKey().toLowerCase(), f.getValue().asText()));
            return new Sent(raw.getBytes(StandardCharsets.UTF_8).length,
                    new LambdaEvents.Reply(r.get("statusCode").asInt(), headers, r.get("body").asText()));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    void seedMaximal() {
        ReportReader reader = new ReportReader(new ReportValidator(Clock.systemUTC()));
        List<StoredReport> all = new ArrayList<>();
        for (int n = 0; n < REPORTS; n++) {
            byte[] body = maximalBody(n).getBytes(StandardCharsets.UTF_8);
            assertTrue(body.length <= 64 * 1024 && body.length > 60 * 1024, "a maximal body: " + body.length);
            Instant at = Instant.parse("2024-12-10T09:00:00Z").plusSeconds(n);
            all.add(new StoredReport(Fixtures.id(500 + n), 1, Status.RECEIVED, "rep-1", at, at, null,
                    reader.read(body)));
        }
        Bulk.heads(db, MotoResource.TABLE, all);
    }

    List<String> walk(String accept, Function<Sent, List<String>> ids) {
        List<String> walked = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Sent sent = send(get("/v1/reports", QUERY + (cursor == null ? "" : "&cursor=" + cursor)).header("Accept", accept));
            assertEquals(200, sent.reply().status(), accept + " page " + pages);
            assertTrue(sent.documentBytes() <= ResponseBudget.LAMBDA_RESPONSE_LIMIT, accept + " page " + pages + ": a "
                    + sent.documentBytes() + "-byte response document is over Lambda's limit");
            List<String> page = ids.apply(sent);
            cursor = sent.reply().header("x-next-cursor");
            assertTrue(!page.isEmpty() || cursor == null, "a page that is cut holds a report");
            walked.addAll(page);
            pages++;
        } while (cursor != null);
        assertTrue(pages >= 2, accept + ": " + REPORTS + " maximal reports need several pages, took " + pages);
        return walked;
    }

    @Test
    void everyFormatStaysUnderLambdasLimitAndTheWalkMissesNothing() {
        seedMaximal();
        List<String> expected = new ArrayList<>();
        for (int day = 1; day <= 28; day++) {
            for (int n = 0; n < REPORTS; n++) {
                if (1 + n % 28 == day) {
                    expected.add(Fixtures.id(500 + n));
                }
            }
        }
        assertEquals(expected, walk("application/json", ResponseBudgetTest::jsonIds));
        assertEquals(expected, walk("text/csv",
                s -> Csv.parse(s.reply().body()).stream().skip(2).map(row -> row.get(0)).toList()));
        assertEquals(expected, walk("application/geo+json", s -> {
            List<String> out = new ArrayList<>();
            s.json().get("features").forEach(f -> out.add(f.get("id").asText()));
            return out;
        }));
    }

    static List<String> jsonIds(Sent s) {
        JsonNode body = s.json();
        assertEquals(s.reply().header("x-next-cursor") == null, body.get("nextCursor").isNull());
        return Fixtures.ids(body.get("items"));
    }
}
