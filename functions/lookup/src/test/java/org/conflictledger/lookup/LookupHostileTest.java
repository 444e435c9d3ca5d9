package org.conflictledger.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.conflictledger.testing.LambdaEvents;
import org.conflictledger.testing.MotoResource;
import org.conflictledger.testing.Table;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The lookup hostile corpus ({@link LookupHostileCorpus}) through the Lambda handler path: every
 * request gets a 4xx problem document, none a 5xx; lookup never writes, and a request refused up
 * front makes no DynamoDB request at all.
 */
@QuarkusTest
@QuarkusTestResource(MotoResource.class)
@QuarkusTestResource(JwtKeys.class)
class LookupHostileTest extends LookupTestBase {

    static final List<String> WRITES = List.of("TransactWriteItems", "PutItem", "UpdateItem", "DeleteItem",
            "BatchWriteItem");

    /** Per category: tried, passed, 5xx seen, write requests, DynamoDB requests of up-front refusals. */
    static final class Tally {
        int tried;
        int passed;
        int serverErrors;
        long writes;
        long upFrontReads;
    }

    /** The placeholders of the corpus: real cursors, their tampered forms, tokens that must not verify. */
    Map<String, String> fills() throws Exception {
        var page = get("/v1/reports", LookupHostileCorpus.SEARCH + "&limit=1").send();
        assertEquals(200, page.status(), page.body());
        String search = page.json().get("nextCursor").asText();
        var feed = get("/v1/changes", LookupHostileCorpus.SINCE + "&limit=1").send();
        assertEquals(200, feed.status(), feed.body());
        String changes = feed.json().get("nextCursor").asText();
        // The real cursors work: what the corpus changes in them is what makes them fail.
        assertEquals(200, get("/v1/reports", LookupHostileCorpus.SEARCH + "&limit=1&cursor=" + search).send().status());
        assertEquals(200, get("/v1/changes", "since=" + changes).send().status());
        Map<String, String> f = new LinkedHashMap<>();
        for (int i = 0; i < 8; i++) {
            f.put("{flip" + i + "}", flip(search, i));
        }
        f.put("{trunc1}", search.substring(0, search.length() - 1));
        f.put("{trunc-half}", search.substring(0, search.length() / 2));
        f.put("{trunc10}", search.substring(0, 10));
        f.put("{feedflip}", flip(changes, 3));
        f.put("{feedtrunc}", changes.substring(0, changes.length() - 2));
        f.put("{searchCursor}", search);
        f.put("{feedCursor}", changes);
        f.put("{wrongKey}", token("ed-1", JwtKeys.OTHER_PRIVATE_KEY, "editor"));
        var key = JwtTest.key(JwtKeys.PRIVATE_KEY);
        f.put("{expired}", Jwt.issuer("https://issuer.ledger.test").audience("ledger-api").subject("ed-1")
                .claim("cognito:groups", List.of("editor")).issuedAt(1_700_000_000L).expiresAt(1_700_000_600L).sign(key));
        f.put("{wrongIssuer}", Jwt.issuer("https://elsewhere.test").audience("ledger-api").subject("ed-1")
                .claim("cognito:groups", List.of("editor")).expiresIn(300).sign(key));
        f.put("{noSubject}", Jwt.issuer("https://issuer.ledger.test").audience("ledger-api")
                .claim("cognito:groups", List.of("editor")).expiresIn(300).sign(key));
        f.put("{id}", Fixtures.B);
        return f;
    }

    /** The cursor with one bit flipped, spread over its bytes (payload and MAC). */
    static String flip(String cursor, int i) {
        byte[] raw = Base64.getUrlDecoder().decode(cursor);
        int at = (int) ((long) (raw.length - 1) * i / 7);
        raw[at] ^= (byte) (1 << (i % 8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    @Test
    void everyHostileRequestIsA4xxProblemAndReadsNothingItNeedNot() throws Exception {
        Map<String, String> fills = fills();
        List<Map<String, AttributeValue>> before = sorted(Table.items(db, MotoResource.TABLE));
        List<LookupHostileCorpus.Case> corpus = LookupHostileCorpus.all();
        Map<String, Tally> byCategory = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (LookupHostileCorpus.Case c : corpus) {
            Tally t = byCategory.computeIfAbsent(c.category(), k -> new Tally());
            t.tried++;
            requests.reset();
            LambdaEvents.Reply r;
            try {
                r = c.request(fills).send();
            } catch (AssertionError | RuntimeException e) {
                failures.add(c.category() + " | " + c.name() + ": no Lambda response: " + e.getMessage());
                t.serverErrors++;
                continue;
            }
            long writes = WRITES.stream().mapToLong(requests::count).sum();
            long reads = requests.total() - writes;
            t.writes += writes;
            if (r.status() >= 500) {
                t.serverErrors++;
            }
            String problem = verdict(c, r);
            if (problem == null && writes > 0) {
                problem = writes + " write request(s)";
            }
            if (problem == null && c.upFront() && reads > 0) {
                t.upFrontReads += reads;
                problem = "refused after " + requests.snapshot() + " (must be refused before any DynamoDB request)";
            }
            if (problem == null) {
                t.passed++;
            } else {
                failures.add(c.category() + " | " + abbreviate(c.name()) + ": " + problem + " -> " + r.status() + " "
                        + abbreviate(r.body()));
            }
        }
        int tried = 0;
        int passed = 0;
        int serverErrors = 0;
        long writes = 0;
        for (var e : byCategory.entrySet()) {
            Tally t = e.getValue();
            System.out.printf("lookup hostile corpus | %-40s | tried %4d | passed %4d | 5xx %d | writes %d | "
                    + "reads before refusing %d%n", e.getKey(), t.tried, t.passed, t.serverErrors, t.writes, t.upFrontReads);
            tried += t.tried;
            passed += t.passed;
            serverErrors += t.serverErrors;
            writes += t.writes;
        }
        List<Map<String, AttributeValue>> after = sorted(Table.items(db, MotoResource.TABLE));
        System.out.printf("lookup hostile corpus: %d cases tried, %d passed, %d 5xx seen, %d write requests (table %s)%n",
                tried, passed, serverErrors, writes, before.equals(after) ? "unchanged" : "CHANGED");
        failures.forEach(f -> System.out.println("lookup hostile corpus FAILED " + f));
        assertTrue(tried >= 200, "at least 200 cases, got " + tried);
        assertEquals(List.of(), failures);
        assertEquals(0, serverErrors);
        assertEquals(0, writes);
        assertEquals(before, after, "the table is exactly as before the corpus");
    }

    /** Null when the reply is what a hostile case must get, else what is wrong with it. */
    static String verdict(LookupHostileCorpus.Case c, LambdaEvents.Reply r) {
        if (r.status() < 400 || r.status() >= 500) {
            return "not a 4xx";
        }
        if (c.expected() != 0 && r.status() != c.expected()) {
            return "expected " + c.expected();
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
        if (r.status() == 401 && (r.header("www-authenticate") == null || !r.header("www-authenticate").startsWith("Bearer"))) {
            return "a 401 without WWW-Authenticate: Bearer";
        }
        return null;
    }

    static List<Map<String, AttributeValue>> sorted(List<Map<String, AttributeValue>> items) {
        List<Map<String, AttributeValue>> out = new ArrayList<>(items);
        out.sort((a, b) -> (a.get("pk").s() + " " + a.get("sk").s()).compareTo(b.get("pk").s() + " " + b.get("sk").s()));
        return out;
    }

    static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    @Test
    void theCorpusNamesEveryRoute() {
        List<LookupHostileCorpus.Case> corpus = LookupHostileCorpus.all();
        for (String route : List.of("/v1/reports/{id}", "/v1/reports/{id}/revisions", "/v1/reports", "/v1/changes",
                "/v1/figures", "/v1/figures/daily")) {
            long n = corpus.stream().filter(c -> c.path().equals(route)).count();
            assertTrue(n >= 10, route + ": " + n + " cases");
        }
        assertNotNull(corpus);
    }
}
