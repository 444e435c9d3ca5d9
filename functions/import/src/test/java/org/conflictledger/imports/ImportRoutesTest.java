package org.conflictledger.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.conflictledger.store.ImportJob;
import org.conflictledger.testing.FaultInjector.Fault;
import org.conflictledger.testing.LambdaEvents.Reply;
import org.conflictledger.testing.LambdaEvents;
import org.junit.jupiter.api.Test;

/** The four routes (api.md "Imports and places") through the Lambda HTTP path, against moto_server. */
@QuarkusTest
@QuarkusTestResource(value = ImportMoto.class, restrictToAnnotatedClass = true)
class ImportRoutesTest extends ImportTestBase {

    static Reply post(String body, String sub, String... groups) {
        LambdaEvents.Builder b = LambdaEvents.request("POST", "/v1/imports").body(body);
        if (sub != null) {
            b.as(sub, groups);
        }
        return b.send();
    }

    static Reply getImport(String id, String sub, String... groups) {
        LambdaEvents.Builder b = LambdaEvents.request("GET", "/v1/imports/" + id).withoutHeader("content-type");
        if (sub != null) {
            b.as(sub, groups);
        }
        return b.send();
    }

    @Test
    void postUploadAndGetTheWholeFlow() throws Exception {
        Reply created = post("{\"format\": \"acled\", \"filename\": \"acled-syria.csv\"}", "alice", "reporter");
        assertEquals(201, created.status(), created.body());
        JsonNode c = created.json();
        String id = c.path("id").asText();
        assertEquals("/v1/imports/" + id, URI.create(created.header("Location")).getPath());
        assertEquals("awaiting_upload", c.path("status").asText());
        assertTrue(c.path("uploadUrl").asText().contains("/" + ImportMoto.BUCKET + "/" + Uploads.key(id)), c.toString());
        assertTrue(c.path("uploadUrl").asText().contains("X-Amz-Signature="), "a presigned URL");
        assertTrue(Instant.parse(c.path("uploadExpiresAt").asText()).isAfter(clock.instant()));
        assertEquals("awaiting_upload", getImport(id, "alice", "reporter").json().path("status").asText());

        // The client PUTs the file to the presigned URL: nothing but the URL is needed.
        HttpResponse<String> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(c.path("uploadUrl").asText()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(sample("acled-syria.csv"))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, put.statusCode(), put.body());
        // moto does not notify Lambda: deliver the ObjectCreated event S3 would send.
        assertEquals("DONE", send(s3Event(Uploads.key(id))).path("imports").path(0).path("result").asText());

        JsonNode done = getImport(id, "alice", "reporter").json();
        assertEquals("done", done.path("status").asText(), done.toString());
        assertEquals("acled", done.path("format").asText());
        assertEquals("acled-syria.csv", done.path("filename").asText());
        long rows = done.path("rows").asLong();
        assertTrue(rows > 0);
        assertEquals(rows, done.path("created").asLong() + done.path("corrected").asLong() + done.path("unchanged").asLong()
                + done.path("retracted").asLong() + done.path("rejected").asLong(), done.toString());
        assertTrue(done.path("errors").isArray());
        assertTrue(done.hasNonNull("startedAt") && done.hasNonNull("finishedAt"));
        assertEquals(200, getImport(id, "ana", "analyst").status());
        assertEquals(200, getImport(id, "ed", "editor").status());
        assertEquals(403, getImport(id, "bob", "reporter").status(), "another reporter");
        assertEquals(401, getImport(id, null).status());
        assertEquals(404, getImport("01JAAAAAAAAAAAAAAAAAAAAAAA", "ed", "editor").status());
    }

    @Test
    void badRequestsAreProblemsAndStoreNothing() {
        Reply r = post("{\"format\": \"xlsx\", \"filename\": \"\", \"colour\": 1}", "alice", "reporter");
        assertEquals(400, r.status());
        assertEquals("application/problem+json", r.header("content-type"));
        String errors = r.json().path("errors").toString();
        assertTrue(errors.contains("\"format\"") && errors.contains("\"filename\"") && errors.contains("\"colour\""), errors);
        assertEquals(400, post("{\"format\": \"hxl\", \"filename\": \"a.csv\", \"source\": {\"kind\": \"blog\"}}",
                "alice", "reporter").status(), "a source needs a known kind and a name");
        assertEquals(400, post("{\"format\": \"acled\",", "alice", "reporter").status());
        assertEquals(400, post("[]", "alice", "reporter").status());
        assertEquals(413, post("{\"format\": \"acled\", \"filename\": \"" + "a".repeat(20_000) + "\"}", "alice", "reporter").status());
        assertEquals(415, LambdaEvents.request("POST", "/v1/imports").header("content-type", "text/plain")
                .body("x").as("alice", "reporter").send().status());
        assertEquals(403, post("{\"format\": \"acled\", \"filename\": \"a.csv\"}", "ana", "analyst").status());
        assertEquals(401, post("{\"format\": \"acled\", \"filename\": \"a.csv\"}", null).status());
        Reply ok = post("{\"format\": \"hxl\", \"filename\": \"mine.csv\", \"source\": {\"kind\": \"ngo\", \"name\": \"Local monitor\"}}",
                "ed", "editor");
        assertEquals(201, ok.status(), ok.body());
        assertTrue(job(ok.json().path("id").asText()).sourceJson().contains("Local monitor"));
    }

    @Test
    void storageTroubleIsA503WithRetryAfterAndNothingStored() {
        requests.reset();
        faults.arm(Fault.THROTTLE, "PutItem", 20);
        Reply r = post("{\"format\": \"acled\", \"filename\": \"a.csv\"}", "alice", "reporter");
        assertEquals(503, r.status(), r.body());
        assertEquals("2", r.header("retry-after"));
        assertEquals(0, requests.count("PutItem") - faults.fired(), "no PutItem got through");
    }

    @Test
    void anUploadThatNeverComesExpires() {
        settings.uploadValidFor(Duration.ofSeconds(1));
        Reply r = post("{\"format\": \"acled\", \"filename\": \"a.csv\"}", "alice", "reporter");
        assertEquals(201, r.status());
        String id = r.json().path("id").asText();
        sleep(1500);
        JsonNode j = getImport(id, "alice", "reporter").json();
        assertEquals("failed", j.path("status").asText(), j.toString());
        assertTrue(j.path("errors").path(0).path("message").asText().contains("did not arrive"), j.toString());
        ImportJob stored = job(id);
        assertTrue(stored.uploadExpiresAt().isBefore(clock.instant()));
        assertNull(stored.startedAt());
        // The item itself goes by TTL a day after the URL expired (docs/imports.md).
    }

    @Test
    void placesArePutByEditorsAndReadByEveryone() {
        String csv = new String(sample("gazetteer-SYR.csv"), StandardCharsets.UTF_8);
        Reply put = LambdaEvents.request("PUT", "/v1/places/SYR").header("content-type", "text/csv").body(csv)
                .as("ed", "editor").send();
        assertEquals(200, put.status(), put.body());
        Reply get = LambdaEvents.request("GET", "/v1/places/SYR").withoutHeader("content-type").send();
        assertEquals(200, get.status(), get.body());
        JsonNode units = get.json().path("units");
        assertTrue(units.size() >= 14, units.toString());
        assertTrue(units.toString().contains("\"adm1Code\":\"SY02\""), units.toString());
        Reply asCsv = LambdaEvents.request("GET", "/v1/places/SYR").withoutHeader("content-type").header("accept", "text/csv").send();
        assertEquals(200, asCsv.status());
        assertTrue(asCsv.body().contains("#adm1+code"), asCsv.body());

        assertEquals(403, LambdaEvents.request("PUT", "/v1/places/SYR").header("content-type", "text/csv").body(csv)
                .as("alice", "reporter").send().status());
        assertEquals(401, LambdaEvents.request("PUT", "/v1/places/SYR").header("content-type", "text/csv").body(csv).send().status());
        Reply bad = LambdaEvents.request("PUT", "/v1/places/SYR").header("content-type", "text/csv").body("a,b\n1,2\n")
                .as("ed", "editor").send();
        assertEquals(400, bad.status());
        assertEquals("application/problem+json", bad.header("content-type"));
        assertEquals(400, LambdaEvents.request("PUT", "/v1/places/XYZ").header("content-type", "text/csv").body(csv)
                .as("ed", "editor").send().status());
        assertEquals(200, LambdaEvents.request("GET", "/v1/places/SYR").withoutHeader("content-type").send().status(),
                "a refused PUT leaves the table as it was");
        assertEquals(units, LambdaEvents.request("GET", "/v1/places/SYR").withoutHeader("content-type").send().json().path("units"));
        assertEquals(404, LambdaEvents.request("GET", "/v1/places/LBN").withoutHeader("content-type").send().status());
    }
}
