package org.conflictledger.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.conflictledger.testing.LambdaEvents;
import org.conflictledger.testing.MotoResource;
import org.conflictledger.testing.Table;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The hostile corpus ({@link HostileCorpus}) through the Lambda handler path: every request gets a
 * 4xx problem document, none a 5xx, none writes anything.
 */
@QuarkusTest
@QuarkusTestResource(MotoResource.class)
class HostileInputTest extends SubmitTestBase {

    static final List<String> WRITES = List.of("TransactWriteItems", "PutItem", "UpdateItem", "DeleteItem",
            "BatchWriteItem");

    /** Per category: tried, passed, 5xx seen, write requests, items stored. */
    static final class Tally {
        int tried;
        int passed;
        int serverErrors;
        long writes;
        long stored;
    }

    @Test
    void theCorpusIsLargeAndItsValidBasesAreValid() {
        assertTrue(HostileCorpus.all().size() >= 300, "corpus size " + HostileCorpus.all().size());
        // The mutations mean something only if what they mutate is accepted.
        for (String base : List.of(HostileCorpus.PERIOD_TOTAL, HostileCorpus.INCIDENT, HostileCorpus.TERRITORY)) {
            var r = create(HostileCorpus.OWNER, base);
            assertEquals(201, r.status(), r.body());
        }
        String id = create(HostileCorpus.OWNER, HostileCorpus.PERIOD_TOTAL.replace("255", "250")).json().get("id").asText();
        var b = LambdaEvents.request("POST", "/v1/reports/batch").as(HostileCorpus.OWNER, "reporter")
                .body("{\"reports\":[" + HostileCorpus.INCIDENT.replace("Witness W", "Witness V") + "]}").send();
        assertEquals(201, b.json().at("/results/0/status").asInt(), b.body());
        var put = LambdaEvents.request("PUT", "/v1/reports/" + id).as(HostileCorpus.OWNER, "reporter")
                .header("If-Match", "\"1\"").body(HostileCorpus.INCIDENT).send();
        assertEquals(200, put.status(), put.body());
        var review = LambdaEvents.request("POST", "/v1/reports/" + id + "/review").as(HostileCorpus.EDITOR, "editor")
                .body(HostileCorpus.REVIEW).send();
        assertEquals(200, review.status(), review.body());
        var retract = LambdaEvents.request("DELETE", "/v1/reports/" + id).as(HostileCorpus.OWNER, "reporter")
                .body(HostileCorpus.REASON).send();
        assertEquals(200, retract.status(), retract.body());
    }

    @Test
    void everyHostileRequestIsA4xxProblemAndStoresNothing() {
        String id = create(HostileCorpus.OWNER, HostileCorpus.INCIDENT).json().get("id").asText();
        List<Map<String, AttributeValue>> before = sorted(Table.items(db, MotoResource.TABLE));

        Map<String, Tally> byCategory = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int size = before.size();
        for (HostileCorpus.Case c : HostileCorpus.all()) {
            Tally t = byCategory.computeIfAbsent(c.category(), k -> new Tally());
            t.tried++;
            requests.reset();
            LambdaEvents.Reply r;
            try {
                r = c.request(id).send();
            } catch (AssertionError | RuntimeException e) {
                failures.add(c.category() + " | " + c.name() + ": no Lambda response: " + e.getMessage());
                t.serverErrors++;
                continue;
            }
            long writes = WRITES.stream().mapToLong(requests::count).sum();
            t.writes += writes;
            long leaked = 0;
            if (writes > 0) {
                int now = Table.items(db, MotoResource.TABLE).size();
                leaked = now - size;
                size = now;
            }
            t.stored += leaked;
            if (r.status() >= 500) {
                t.serverErrors++;
            }
            String problem = verdict(c, r);
            if (problem == null && writes > 0) {
                problem = writes + " write request(s), " + leaked + " item(s) stored";
            }
            if (problem == null) {
                t.passed++;
            } else {
                failures.add(c.category() + " | " + c.name() + ": " + problem + " -> " + r.status() + " "
                        + abbreviate(r.body()));
            }
        }
        int tried = 0;
        int passed = 0;
        int serverErrors = 0;
        long stored = 0;
        for (var e : byCategory.entrySet()) {
            Tally t = e.getValue();
            System.out.printf("hostile corpus | %-36s | tried %4d | passed %4d | 5xx %d | writes %d | items stored %d%n",
                    e.getKey(), t.tried, t.passed, t.serverErrors, t.writes, t.stored);
            tried += t.tried;
            passed += t.passed;
            serverErrors += t.serverErrors;
            stored += t.stored;
        }
        List<Map<String, AttributeValue>> after = sorted(Table.items(db, MotoResource.TABLE));
        System.out.printf("hostile corpus: %d cases tried, %d passed, %d 5xx seen, %d items stored (table %s)%n",
                tried, passed, serverErrors, stored, before.equals(after) ? "unchanged" : "CHANGED");
        failures.forEach(f -> System.out.println("hostile corpus FAILED " + f));
        assertTrue(tried >= 300, "at least 300 cases");
        assertEquals(List.of(), failures);
        assertEquals(0, serverErrors);
        assertEquals(before, after, "the table is exactly as before the corpus");
    }

    /**
     * Library internals a message must never show (issue 12, item 10): Jackson's names, features and
     * token types, Java classes and types, the bounds of long and int, parser source locations.
     */
    static final Pattern INTERNALS = Pattern.compile(
            "jackson|fasterxml|StreamRead|JsonRead|JsonParser|JsonNode|ObjectNode|DeserializationFeature|MapperFeature"
                    + "|Feature '|java\\.|javax\\.|jakarta\\.|org\\.conflictledger|Exception|`|\\bclass\\b"
                    + "|START_(?:OBJECT|ARRAY)|END_(?:OBJECT|ARRAY)|VALUE_[A-Z]|FIELD_NAME|CTRL-CHAR|\\(code \\d+\\)"
                    + "|Source: |REDACTED|922337203685477|214748364[78]|out of range of|MIN_VALUE|MAX_VALUE"
                    + "|\\b(?<type>Long|Integer|Double|BigInteger|BigDecimal|String)\\b",
            Pattern.CASE_INSENSITIVE);

    /** Null when no problem detail or error message of the reply shows internals, else the first that does. */
    static String internals(LambdaEvents.Reply r) {
        if (r.body().isEmpty() || !r.body().startsWith("{")) {
            return null;
        }
        JsonNode p = r.json();
        List<String> texts = new ArrayList<>();
        texts.add(p.path("detail").asText(""));
        p.path("errors").forEach(e -> texts.add(e.path("message").asText("")));
        p.path("results").forEach(item -> item.path("errors").forEach(e -> texts.add(e.path("message").asText(""))));
        for (String t : texts) {
            // Case-insensitive except the Java type names, which are also English words in lower case.
            var m = INTERNALS.matcher(t);
            while (m.find()) {
                String hit = m.group();
                if (m.group("type") == null || Character.isUpperCase(hit.charAt(0))) {
                    return "a message shows library internals ('" + hit + "'): " + abbreviate(t);
                }
            }
        }
        return null;
    }

    /** Null when the reply is what a hostile case must get, else what is wrong with it. */
    static String verdict(HostileCorpus.Case c, LambdaEvents.Reply r) {
        String leak = internals(r);
        if (leak != null) {
            return leak;
        }
        if (c.batchItems() && r.status() == 200) {
            JsonNode results = r.json().path("results");
            if (!results.isArray() || results.isEmpty()) {
                return "a batch reply without results";
            }
            for (JsonNode item : results) {
                int s = item.path("status").asInt();
                if (s < 400 || s >= 500 || !item.path("errors").isArray() || item.path("errors").isEmpty()) {
                    return "batch item " + item;
                }
            }
            return null;
        }
        if (r.status() < 400 || r.status() >= 500) {
            return "not a 4xx";
        }
        if (c.expected() != 0 && r.status() != c.expected()) {
            return "expected " + c.expected();
        }
        if (c.method().equals("HEAD")) {
            // A HEAD response never has a body (RFC 9110 section 9.3.2): the status is all there is.
            return r.body().isEmpty() ? null : "a body in a HEAD response";
        }
        String type = r.header("content-type");
        if (type == null || !type.startsWith("application/problem+json")) {
            return "content-type " + type;
        }
        JsonNode p;
        try {
            p = r.json();
        } catch (AssertionError e) {
            return "body is not JSON";
        }
        if (p.path("status").asInt() != r.status() || !p.path("type").isTextual() || !p.path("title").isTextual()
                || !p.path("detail").isTextual()) {
            return "not a problem document";
        }
        if (r.status() == 400 && p.path("type").asText().endsWith("/validation")
                && (!p.path("errors").isArray() || p.path("errors").isEmpty())) {
            return "a validation problem without errors";
        }
        return null;
    }

    static List<Map<String, AttributeValue>> sorted(List<Map<String, AttributeValue>> items) {
        List<Map<String, AttributeValue>> out = new ArrayList<>(items);
        out.sort((a, b) -> (a.get("pk").s() + " " + a.get("sk").s()).compareTo(b.get("pk").s() + " " + b.get("sk").s()));
        return out;
    }

    static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
