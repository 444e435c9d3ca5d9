package org.conflictledger.submit;

import static org.conflictledger.testing.LambdaEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.conflictledger.testing.LambdaEvents;
import org.conflictledger.testing.MotoResource;
import org.conflictledger.testing.Samples;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(MotoResource.class)
class IdempotencyTest extends SubmitTestBase {

    static LambdaEvents.Reply withKey(String sub, String key, String body) {
        return request("POST", "/v1/reports").as(sub, "reporter").header("Idempotency-Key", key).body(body).send();
    }

    @Test
    void sameKeySameBodyReturnsTheFirstResponseAndStoresNothingNew() {
        var first = withKey("u1", "key-1", Samples.periodTotal());
        assertEquals(201, first.status(), first.body());
        assertNull(first.header("idempotent-replayed"));
        var again = withKey("u1", "key-1", Samples.periodTotal());
        assertEquals(201, again.status(), again.body());
        assertEquals("true", again.header("idempotent-replayed"));
        assertEquals(first.json(), again.json());
        assertEquals(first.header("location"), again.header("location"));
        assertEquals(1, items("R#").size() / 2);
        assertEquals(1, items("F#").size());
    }

    @Test
    void sameKeyWithAnotherBodyIs422() {
        assertEquals(201, withKey("u1", "key-2", Samples.periodTotal()).status());
        var other = withKey("u1", "key-2", Samples.periodTotal().replace("\"value\": 255", "\"value\": 256"));
        assertProblem(other, 422);
        assertEquals(1, items("R#").size() / 2);
    }

    @Test
    void keysBelongToTheirPrincipal() {
        var a = withKey("u1", "shared-key", Samples.periodTotal());
        var b = withKey("u2", "shared-key", Samples.periodTotal());
        assertEquals(201, b.status(), b.body());
        assertNotEquals(a.json().get("id"), b.json().get("id"));
        assertEquals("u2", b.json().get("submittedBy").asText());
    }

    @Test
    void withoutAKeyAByteIdenticalBodyFromTheSamePrincipalIsTheSameReport() {
        var a = create("u1", Samples.periodTotal());
        var b = create("u1", Samples.periodTotal());
        assertEquals(a.json().get("id"), b.json().get("id"));
        assertEquals("true", b.header("idempotent-replayed"));
        var otherBytes = create("u1", Samples.periodTotal().replace("  ", " "));
        assertNotEquals(a.json().get("id"), otherBytes.json().get("id"), "not byte-identical: a new report");
        var otherPrincipal = create("u2", Samples.periodTotal());
        assertNotEquals(a.json().get("id"), otherPrincipal.json().get("id"));
        assertEquals(3, items("R#").size() / 2);
    }

    @Test
    void malformedKeysAre400() {
        assertProblem(withKey("u1", "x".repeat(129), Samples.periodTotal()), 400);
        assertProblem(withKey("u1", "tab\there", Samples.periodTotal()), 400);
        assertProblem(withKey("u1", "ключ", Samples.periodTotal()), 400);
        assertEquals(201, withKey("u1", "x".repeat(128), Samples.periodTotal()).status());
        assertEquals(201, withKey("u1", "a b!~", Samples.periodTotal().replace("255", "254")).status());
    }

    @Test
    void twentyConcurrentDuplicatesMakeExactlyOneReportFeedEntryAndMarker() throws Exception {
        String body = Samples.incident("2024-11-28", "SY0200", 7, "Witness B");
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Callable<LambdaEvents.Reply>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                calls.add(() -> withKey("u1", "same-key", body));
            }
            Set<String> ids = new HashSet<>();
            for (Future<LambdaEvents.Reply> f : pool.invokeAll(calls)) {
                var r = f.get();
                assertEquals(201, r.status(), r.body());
                ids.add(r.json().get("id").asText());
            }
            assertEquals(1, ids.size(), ids.toString());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(2, items("R#").size(), "one head, one revision");
        assertEquals(1, items("F#").size());
        assertEquals(1, items("M").size());
        assertEquals("1", items("M").get(0).get("pending").n());
        assertEquals(2, items("D#").size(), "one incident, one day sequence");
    }
}
