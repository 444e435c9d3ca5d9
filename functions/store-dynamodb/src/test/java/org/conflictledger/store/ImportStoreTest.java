package org.conflictledger.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.conflictledger.store.ImportJob.Progress;
import org.conflictledger.store.ImportJob.RowError;
import org.conflictledger.testing.MotoServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/** The import and gazetteer items against moto_server, with the exact requests they send. */
class ImportStoreTest {

    static DynamoDbClient db;
    static final List<SdkRequest> SENT = new ArrayList<>();
    static final String TABLE = "imports-" + UUID.randomUUID();
    Instant now = Instant.parse("2026-03-01T10:00:00Z");
    final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    ImportStore store;

    @BeforeAll
    static void table() {
        db = DynamoDbClient.builder()
                .endpointOverride(URI.create(MotoServer.shared().endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        SENT.add(context.request());
                    }
                }))
                .build();
        TableSetup.ensure(db, TABLE);
    }

    @BeforeEach
    void setUp() {
        store = new ImportStore(db, TABLE, clock);
        SENT.clear();
    }

    ImportJob newJob() {
        String id = UUID.randomUUID().toString();
        return new ImportJob(id, "acled", "a.csv", "{\"name\":\"ACLED\"}", "alice", ImportJob.AWAITING_UPLOAD, now,
                now.plus(Duration.ofHours(1)), null, null, null, 0, null, 0);
    }

    @Test
    void createIsAConditionalPutWithTheUploadExpiryAsTtl() {
        ImportJob job = newJob();
        store.create(job);
        PutItemRequest put = (PutItemRequest) SENT.get(0);
        assertEquals("attribute_not_exists(pk)", put.conditionExpression());
        assertEquals(ImportStore.key(job.id()), put.item().get("pk").s());
        assertEquals(ImportStore.SORT, put.item().get("sk").s());
        assertEquals(Long.toString(now.plus(Duration.ofHours(1)).plus(ImportStore.EXPIRED_KEPT).getEpochSecond()),
                put.item().get("ttl").n());
        assertThrows(RuntimeException.class, () -> store.create(job), "an id is never overwritten");
        ImportJob read = store.get(job.id()).orElseThrow();
        assertEquals(ImportJob.AWAITING_UPLOAD, read.status());
        assertEquals("alice", read.creator());
        assertEquals(1, read.progress().nextRow());
        GetItemRequest get = (GetItemRequest) SENT.get(SENT.size() - 1);
        assertTrue(get.consistentRead());
        assertEquals(Map.of("pk", s(ImportStore.key(job.id())), "sk", s(ImportStore.SORT)), get.key());
    }

    @Test
    void exactlyOneInvocationHoldsAnImportUntilItsLeaseRunsOut() {
        ImportJob job = newJob();
        store.create(job);
        SENT.clear();
        ImportJob a = store.claim(job.id(), "A", now.plusSeconds(60)).orElseThrow();
        UpdateItemRequest claim = (UpdateItemRequest) SENT.get(0);
        assertEquals("attribute_exists(pk) AND (#st = :awaiting OR (#st = :running AND leaseUntil < :nowMillis))",
                claim.conditionExpression());
        assertTrue(claim.updateExpression().contains("REMOVE #ttl"), "a started import does not expire");
        assertEquals(ImportJob.RUNNING, a.status());
        assertEquals("A", a.lease());
        assertEquals(now, a.startedAt());
        assertTrue(store.claim(job.id(), "B", now.plusSeconds(60)).isEmpty(), "held by a live invocation");

        // A records a chunk; B cannot, even with A's version.
        Progress p = new Progress(101, 5000, "h1,h2\n".getBytes(), 100, 90, 0, 0, 0, 10, 3,
                List.of(new RowError(7, "date", "bad date")));
        long v = store.progress(a, p, now.plusSeconds(60));
        UpdateItemRequest prog = (UpdateItemRequest) SENT.get(SENT.size() - 1);
        assertEquals("lease = :owner AND v = :v", prog.conditionExpression());
        assertEquals(s("A"), prog.expressionAttributeValues().get(":owner"));
        assertEquals(a.version() + 1, v);
        assertThrows(LeaseLostException.class, () -> store.progress(a, p, now.plusSeconds(60)),
                "a stale version never records a chunk twice");

        // A dies: after its deadline B takes over and starts where A's last chunk ended.
        now = now.plusSeconds(61);
        ImportJob b = store.claim(job.id(), "B", now.plusSeconds(60)).orElseThrow();
        assertEquals(101, b.progress().nextRow());
        assertEquals(5000, b.progress().offset());
        assertArrayEquals("h1,h2\n".getBytes(), b.progress().header());
        assertEquals(List.of(new RowError(7, "date", "bad date")), b.progress().errors());
        assertEquals(90, b.progress().created());
        assertEquals(10, b.progress().rejected());
        assertEquals(3, b.progress().warnings());
        assertThrows(LeaseLostException.class, () -> store.progress(a.at(v), p, now.plusSeconds(60)),
                "A, back from the dead, has lost the import");

        // B hands over: a fresh invocation can claim at once, before B's deadline.
        long v2 = store.release(b, p);
        ImportJob c = store.claim(job.id(), "C", now.plusSeconds(60)).orElseThrow();
        assertEquals(v2 + 1, c.version());
        store.finish(c, new Progress(201, 9000, null, 200, 180, 0, 0, 0, 20, 3, List.of()), ImportJob.DONE);
        ImportJob done = store.get(job.id()).orElseThrow();
        assertEquals(ImportJob.DONE, done.status());
        assertEquals(now, done.finishedAt());
        assertEquals(200, done.progress().rows());
        assertArrayEquals("h1,h2\n".getBytes(), done.progress().header(), "the header stays");
        now = now.plusSeconds(3600);
        assertTrue(store.claim(job.id(), "D", now.plusSeconds(60)).isEmpty(), "a finished import never restarts");
        assertTrue(store.claim("no-such-import", "D", now.plusSeconds(60)).isEmpty());
    }

    @Test
    void anUploadThatNeverComesReadsAsFailed() {
        ImportJob job = newJob();
        store.create(job);
        assertEquals(ImportJob.AWAITING_UPLOAD, store.get(job.id()).orElseThrow().effectiveStatus(now));
        assertEquals(ImportJob.FAILED,
                store.get(job.id()).orElseThrow().effectiveStatus(now.plus(Duration.ofHours(2))));
    }

    @Test
    void aThousandErrorsFitInTheItem() {
        ImportJob job = newJob();
        store.create(job);
        ImportJob a = store.claim(job.id(), "A", now.plusSeconds(60)).orElseThrow();
        List<RowError> errs = new ArrayList<>();
        for (int i = 0; i < ImportJob.MAX_ERRORS; i++) {
            errs.add(new RowError(i + 1, "fatalities", "x".repeat(200)));
        }
        store.progress(a, new Progress(100_001, 1 << 30, null, 100_000, 0, 0, 0, 0, 100_000, 0, errs),
                now.plusSeconds(60));
        ImportJob read = store.get(job.id()).orElseThrow();
        assertEquals(ImportJob.MAX_ERRORS, read.progress().errors().size());
        assertEquals(100_000, read.progress().rejected());
    }

    @Test
    void aGazetteerIsOneItemPerCountryReplacedWhole() {
        GazetteerStore g = new GazetteerStore(db, TABLE, clock);
        g.put("SYR", "#adm1+code,#adm1+name\nSY01,Damascus\n", 1, "ed");
        PutItemRequest put = (PutItemRequest) SENT.get(0);
        assertEquals(Map.of("pk", s(GazetteerStore.PARTITION), "sk", s("SYR")),
                Map.of("pk", put.item().get("pk"), "sk", put.item().get("sk")));
        g.put("SYR", "#adm1+code,#adm1+name\nSY02,Aleppo\n", 1, "ed2");
        g.put("IRQ", "#adm1+code,#adm1+name\nIQG01,Baghdad\n", 1, "ed");
        SENT.clear();
        assertEquals("#adm1+code,#adm1+name\nSY02,Aleppo\n", g.get("SYR").orElseThrow().csv());
        assertEquals("ed2", g.get("SYR").orElseThrow().updatedBy());
        assertTrue(g.get("LBN").isEmpty());
        Map<String, GazetteerStore.Table> all = g.all();
        assertEquals(List.of("IRQ", "SYR"), List.copyOf(all.keySet()));
        QueryRequest q = (QueryRequest) SENT.get(SENT.size() - 1);
        assertEquals("pk = :pk", q.keyConditionExpression());
        assertEquals(s(GazetteerStore.PARTITION), q.expressionAttributeValues().get(":pk"));
        assertThrows(IllegalArgumentException.class, () -> g.put("BIG", random(700_000), 1, "ed"));
    }

    static String random(int n) {
        StringBuilder b = new StringBuilder();
        java.util.Random r = new java.util.Random(1);
        while (b.length() < n) {
            b.append(Long.toString(r.nextLong(), 36));
        }
        return b.toString();
    }

    static AttributeValue s(String v) {
        return AttributeValue.builder().s(v).build();
    }
}
