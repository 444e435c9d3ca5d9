package org.conflictledger.imports;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.f4b6a3.ulid.UlidCreator;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.conflictledger.domain.json.Json;
import org.conflictledger.store.GazetteerStore;
import org.conflictledger.store.ImportJob;
import org.conflictledger.store.ImportStore;
import org.conflictledger.store.ReportStore;
import org.conflictledger.store.TableSetup;
import org.conflictledger.testing.FaultInjector;
import org.conflictledger.testing.MotoResource;
import org.conflictledger.testing.MotoServer;
import org.conflictledger.testing.RequestCounter;
import org.conflictledger.testing.SamTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Imports through the function's Lambda entry point, against moto_server (DynamoDB and S3). */
abstract class ImportTestBase {

    @Inject
    ImportStore imports;

    @Inject
    GazetteerStore places;

    @Inject
    ReportStore reports;

    @Inject
    RequestCounter requests;

    @Inject
    ImportSettings settings;

    @Inject
    FaultInjector faults;

    @Inject
    Importer importer;

    @Inject
    Clock clock;

    private Duration maxRun;
    private Duration reserve;
    private Duration recordEvery;
    private String handoff;

    @Inject
    DynamoDbClient db;

    /**
     * A clean moto per test: moto copies every table on each transaction (its rollback), so the
     * rows of earlier tests would slow every write of the later ones on a loaded machine.
     */
    @BeforeEach
    void cleanMoto() throws IOException {
        var c = (HttpURLConnection) URI.create(
                MotoServer.shared().endpoint() + "/moto-api/reset").toURL().openConnection();
        c.setRequestMethod("POST");
        c.getResponseCode();
        TableSetup.ensure(db, MotoResource.TABLE);
        try (var s3 = ImportMoto.s3()) {
            s3.createBucket(b -> b.bucket(ImportMoto.BUCKET));
        }
    }

    @BeforeEach
    void remember() {
        maxRun = settings.maxRun();
        reserve = settings.reserve();
        recordEvery = settings.recordEvery();
        handoff = settings.handoff();
        faults.disarm();
    }

    @AfterEach
    void restore() {
        settings.maxRun(maxRun);
        settings.reserve(reserve);
        settings.recordEvery(recordEvery);
        settings.handoff(handoff);
        faults.disarm();
    }

    /**
     * Syria's sample gazetteer: the places of {@link #acled}'s rows are known, so its rows have no
     * warnings and every record is the plain UpdateItem (a record that adds listed warnings is a
     * TransactWriteItems instead, one for one: ImportWarningsTest).
     */
    void seedGazetteer() {
        places.put("SYR", new String(sample("gazetteer-SYR.csv"), StandardCharsets.UTF_8), 14, "seed");
    }

    static byte[] sample(String name) {
        try {
            return Files.readAllBytes(SamTemplate.repoRoot().resolve("docs/samples/imports").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An ACLED export of n rows made from the sample's first row: ids SYR7<prefix><n>, notes with a tag. */
    static byte[] acled(String idPrefix, int from, int to, String notesTag) {
        String[] lines = new String(sample("acled-syria.csv"), StandardCharsets.UTF_8).split("\n");
        String template = lines[1];
        StringBuilder b = new StringBuilder(lines[0]).append('\n');
        for (int i = from; i < to; i++) {
            b.append(template.replace("SYR900001", "SYR" + idPrefix + String.format("%06d", i))
                    .replace("(Invented sample row.)", "(Invented sample row " + notesTag + ".)")).append('\n');
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A new import awaiting its upload, made the way POST /v1/imports makes it. */
    String newImport(String format) {
        String id = UlidCreator.getMonotonicUlid().toString();
        imports.create(new ImportJob(id, format, format + ".csv", null, "importer-sub", ImportJob.AWAITING_UPLOAD,
                clock.instant(), clock.instant().plus(Duration.ofHours(1)), null, null, null, 0, null, 0));
        return id;
    }

    static void upload(String id, byte[] file) {
        try (var s3 = ImportMoto.s3()) {
            s3.putObject(b -> b.bucket(ImportMoto.BUCKET).key(Uploads.key(id)), RequestBody.fromBytes(file));
        }
    }

    static String s3Event(String key) {
        return """
            {"Records": [{"eventVersion": "2.1", "eventSource": "aws:s3", "awsRegion": "us-east-1",
              "eventTime": "2026-03-01T10:00:00.000Z", "eventName": "ObjectCreated:Put",
              "s3": {"s3SchemaVersion": "1.0", "configurationId": "uploads",
                "bucket": {"name": "%s", "arn": "arn:aws:s3:::%s"},
                "object": {"key": "%s", "size": 1, "eTag": "0", "sequencer": "0"}}}]}
            """.formatted(ImportMoto.BUCKET, ImportMoto.BUCKET, key);
    }

    /**
     * Invokes the handler the template names for ImportFunction (class::method, loaded and called
     * the way Lambda's Java runtime does) with a raw event, and returns its JSON reply.
     */
    static JsonNode send(String event) {
        String handler = SamTemplate.load().functionProperties("ImportFunction").path("Handler").asText();
        String[] parts = handler.split("::");
        try {
            Class<?> type = Class.forName(parts[0], true, Thread.currentThread().getContextClassLoader());
            Object instance = type.getConstructor().newInstance();
            var out = new ByteArrayOutputStream();
            type.getMethod(parts[1], InputStream.class, OutputStream.class,
                            Context.class)
                    .invoke(instance, new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
            return Json.mapper().readTree(out.toByteArray());
        } catch (ReflectiveOperationException | IOException e) {
            throw new AssertionError("handler " + handler + " failed", e);
        }
    }

    /** Uploads and delivers the S3 event; the reply says what the invocation did. */
    String runImport(String id, byte[] file) {
        upload(id, file);
        JsonNode reply = send(s3Event(Uploads.key(id)));
        return reply.path("imports").path(0).path("result").asText();
    }

    ImportJob job(String id) {
        return imports.get(id).orElseThrow();
    }

    ImportJob awaitFinished(String id, Duration max) {
        long end = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < end) {
            ImportJob j = job(id);
            if (ImportJob.DONE.equals(j.status()) || ImportJob.FAILED.equals(j.status())) {
                return j;
            }
            sleep(200);
        }
        throw new AssertionError("import " + id + " did not finish: " + job(id));
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> ids(String prefix, int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "acled:SYR" + prefix + String.format("%06d", i)).toList();
    }
}
