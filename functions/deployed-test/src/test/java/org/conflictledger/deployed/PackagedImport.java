package org.conflictledger.deployed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.conflictledger.testing.EventFiles;

/**
 * An import through the packaged import function, step by step as a client and S3 drive it
 * (docs/imports.md, "How an import runs"): POST /v1/imports, PUT the file to the presigned URL
 * with a plain HTTP client, the uploads bucket's ObjectCreated event, GET /v1/imports/{id}. The
 * events are those of events/import/ with the id, bucket and key of this import.
 */
final class PackagedImport {

    static final String SIGNATURE_CHECK = "functions/deployed-test/src/test/python/presigned_put_check.py";

    private final DeployedFunction fn;
    private final String bucket;
    private final String s3Endpoint;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    PackagedImport(DeployedFunction fn, String s3Endpoint) {
        this.fn = fn;
        this.bucket = fn.environment.get("LEDGER_UPLOADS_BUCKET");
        this.s3Endpoint = s3Endpoint;
    }

    static String key(String importId) {
        return "uploads/" + importId + ".csv";
    }

    /** POST /v1/imports as reporter-1 (events/import/post-import.reporter.201.json): the new import. */
    JsonNode post() {
        JsonNode r = http(read("post-import.reporter.201.json"));
        assertEquals(201, r.path("statusCode").asInt(), r.toString());
        return DeployedShapeTest.json(r.path("body").asText());
    }

    /**
     * Checks the upload URL: path-style on the S3 endpoint the function was given, signed with the
     * container credentials (SigV4 recomputed by botocore, as moto checks no presigned signature).
     */
    void checkUploadUrl(String id, String url) throws Exception {
        assertTrue(url.startsWith(s3Endpoint + "/" + bucket + "/" + key(id) + "?"), url);
        String query = URI.create(url).getQuery();
        assertTrue(query.contains("X-Amz-Credential=" + CredentialsEndpoint.ACCESS_KEY_ID + "/"), url);
        assertTrue(query.contains("X-Amz-Security-Token=" + CredentialsEndpoint.SESSION_TOKEN), url);
        ProcessBuilder pb = new ProcessBuilder("python3", SIGNATURE_CHECK, url, CredentialsEndpoint.ACCESS_KEY_ID,
                CredentialsEndpoint.SECRET_ACCESS_KEY, CredentialsEndpoint.SESSION_TOKEN, fn.environment.get("AWS_REGION"))
                .directory(EventFiles.repoRoot().toFile()).redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "signature check timed out");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("signature ok"), out);
    }

    /** The client's upload: a plain HTTP PUT of the file to the presigned URL. */
    void upload(String url, byte[] file) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(file)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), "PUT to the presigned URL: " + r.body());
    }

    /** The uploads bucket's ObjectCreated event for the import's object, with {@code remaining} of its time. */
    JsonNode objectCreated(String id, long size, Duration remaining) {
        ObjectNode e = (ObjectNode) DeployedShapeTest.json(read("s3-object-created.200.json"));
        ObjectNode s3 = (ObjectNode) e.path("Records").path(0).path("s3");
        ((ObjectNode) s3.path("bucket")).put("name", bucket).put("arn", "arn:aws:s3:::" + bucket);
        ((ObjectNode) s3.path("object")).put("key", key(id)).put("size", size);
        return deliver(e.toString(), remaining);
    }

    /** A raw non-HTTP event (S3, hand-over): the function's JSON reply. */
    JsonNode deliver(String event, Duration remaining) {
        RuntimeApi.Outcome o = fn.invoke(event, remaining);
        assertFalse(o.failed(), o.text());
        return DeployedShapeTest.json(o.text());
    }

    /** GET /v1/imports/{id} as its creator (events/import/get-import.creator.200.json): the import. */
    JsonNode get(String id) {
        ObjectNode e = (ObjectNode) DeployedShapeTest.json(read("get-import.creator.200.json"));
        String path = "/v1/imports/" + id;
        e.put("rawPath", path);
        ((ObjectNode) e.path("requestContext").path("http")).put("path", path);
        JsonNode r = http(e.toString());
        assertEquals(200, r.path("statusCode").asInt(), r.toString());
        return DeployedShapeTest.json(r.path("body").asText());
    }

    /** An HTTP event of events/import/ as it is. */
    JsonNode http(String event) {
        RuntimeApi.Outcome o = fn.invoke(event);
        assertFalse(o.failed(), o.text());
        return DeployedShapeTest.json(o.text());
    }

    /** An event of events/import/, as it is. */
    static String read(String name) {
        try {
            return Files.readString(EventFiles.repoRoot().resolve("events/import").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
