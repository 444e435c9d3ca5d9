package org.conflictledger.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.conflictledger.store.ImportJob.Listed;
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
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/** The import and gazetteer items against moto_server, with the exact requests they send. */
class ImportStoreTest {

    static DynamoDbClient db;
    static final List<SdkRequest> SENT = new ArrayList<>();
    static final String TABLE = "imports-" + UUID.randomUUID();
    Instant now = Instant.parse("2026-03-01T10:00:00Z");
    final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
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
        QueryRequest get = (QueryRequest) SENT.get(SENT.size() - 1);
        assertTrue(get.consistentRead());
        assertEquals("pk = :pk", get.keyConditionExpression());
        assertEquals(Map.of(":pk", s(ImportStore.key(job.id()))), get.expressionAttributeValues());
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
        Progress p = new Progress(101, 5000, "h1,h2\n".getBytes(), 100, 90, 0, 0, 0, 10, 3, 0, 0);
        long v = store.progress(a, p, Listed.NONE, now.plusSeconds(60));
        UpdateItemRequest prog = (UpdateItemRequest) SENT.get(SENT.size() - 1);
        assertEquals("lease = :owner AND v = :v", prog.conditionExpression());
        assertEquals(s("A"), prog.expressionAttributeValues().get(":owner"));
        assertEquals(a.version() + 1, v);
        assertThrows(LeaseLostException.class, () -> store.progress(a, p, Listed.NONE, now.plusSeconds(60)),
                "a stale version never records a chunk twice");

        // A dies: after its deadline B takes over and starts where A's last chunk ended.
        now = now.plusSeconds(61);
        ImportJob b = store.claim(job.id(), "B", now.plusSeconds(60)).orElseThrow();
        assertEquals(101, b.progress().nextRow());
        assertEquals(5000, b.progress().offset());
        assertArrayEquals("h1,h2\n".getBytes(), b.progress().header());
        assertEquals(90, b.progress().created());
        assertEquals(10, b.progress().rejected());
        assertEquals(3, b.progress().warnings());
        assertThrows(LeaseLostException.class, () -> store.progress(a.at(v), p, Listed.NONE, now.plusSeconds(60)),
                "A, back from the dead, has lost the import");

        // B hands over: a fresh invocation can claim at once, before B's deadline.
        long v2 = store.release(b, p, Listed.NONE);
        ImportJob c = store.claim(job.id(), "C", now.plusSeconds(60)).orElseThrow();
        assertEquals(v2 + 1, c.version());
        store.finish(c, new Progress(201, 9000, null, 200, 180, 0, 0, 0, 20, 3, 0, 0), Listed.NONE, ImportJob.DONE);
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

    /**
     * Kept errors and warnings go into items of their own, in the same TransactWriteItems as the
     * progress that counts them: one request per record, nothing lands without the counts.
     */
    @Test
    void keptErrorsAndWarningsAreWrittenWithTheProgressThatCountsThem() {
        ImportJob job = newJob();
        store.create(job);
        ImportJob a = store.claim(job.id(), "A", now.plusSeconds(60)).orElseThrow();
        SENT.clear();
        Listed first = new Listed(List.of(new RowError(7, "event_date", "'x' is not a date")),
                List.of(new RowError(3, null, "admin2 'Khafsa' is not in the gazetteer under SY02 (Aleppo): the place is"
                        + " kept at admin1 level"), new RowError(9, null, "notes is longer than 4000 characters: cut to 4000")));
        long v = store.progress(a, new Progress(101, 5000, "h\n".getBytes(), 100, 99, 0, 0, 0, 1, 2, 1, 2), first,
                now.plusSeconds(60));
        assertEquals(1, SENT.size(), "one request per record");
        TransactWriteItemsRequest tx = (TransactWriteItemsRequest) SENT.get(0);
        assertEquals(2, tx.transactItems().size());
        assertEquals("lease = :owner AND v = :v", tx.transactItems().get(0).update().conditionExpression());
        assertEquals(Map.of("pk", s(ImportStore.key(job.id())), "sk", s(ImportStore.SORT)),
                tx.transactItems().get(0).update().key());
        Map<String, AttributeValue> listed = tx.transactItems().get(1).put().item();
        assertEquals(s(ImportStore.key(job.id())), listed.get("pk"));
        assertEquals(s("LISTED#0000000000"), listed.get("sk"));
        assertEquals(1, listed.get("errs").l().size());
        assertEquals(2, listed.get("warns").l().size());
        assertEquals(UUID.nameUUIDFromBytes((job.id() + "|A|" + a.version()).getBytes(StandardCharsets.UTF_8)).toString(),
                tx.clientRequestToken(), "a retried attempt is answered as the first");

        // A record without new entries is the plain UpdateItem; the next entries sort after the first.
        ImportJob a1 = a.at(v);
        long v2 = store.progress(a1, new Progress(201, 9000, null, 200, 199, 0, 0, 0, 1, 2, 1, 2), Listed.NONE,
                now.plusSeconds(60));
        assertTrue(SENT.get(1) instanceof UpdateItemRequest);
        ImportJob a2 = a1.at(v2);
        Listed second = new Listed(List.of(), List.of(new RowError(250, null, "tag left out")));
        long v3 = store.progress(a2, new Progress(301, 13000, null, 300, 299, 0, 0, 0, 1, 3, 1, 3), second,
                now.plusSeconds(60));
        assertEquals(s("LISTED#0000000003"),
                ((TransactWriteItemsRequest) SENT.get(2)).transactItems().get(1).put().item().get("sk"));

        // A stale holder's entries never land: the whole transaction fails on the import's condition.
        assertThrows(LeaseLostException.class, () -> store.progress(a2, new Progress(301, 13000, null, 300, 299, 0,
                0, 0, 1, 3, 1, 3), second, now.plusSeconds(60)));

        SENT.clear();
        ImportJob read = store.get(job.id()).orElseThrow();
        QueryRequest q = (QueryRequest) SENT.get(0);
        assertEquals(1, SENT.size(), "the import and its entries are one Query");
        assertEquals("pk = :pk", q.keyConditionExpression());
        assertTrue(q.consistentRead());
        assertEquals(first.errors(), read.listed().errors());
        assertEquals(List.of(first.warnings().get(0), first.warnings().get(1), second.warnings().get(0)),
                read.listed().warnings());
        assertEquals(3, read.progress().warningsListed());
        assertEquals(1, read.progress().errorsListed());
        assertEquals(v3, read.version());
        // A claim reads the import item alone: the counts say how many are kept.
        now = now.plusSeconds(61);
        ImportJob b = store.claim(job.id(), "B", now.plusSeconds(60)).orElseThrow();
        assertEquals(3, b.progress().warningsListed());
        assertTrue(b.listed().isEmpty());
    }

    /**
     * The worst case: 1,000 errors and 1,000 warnings of the longest kept field and message, every
     * character four bytes of UTF-8, recorded at once. The import item stays small, every entries item
     * under 400 KB (moto refuses larger items), and the transaction under its 100 items and 4 MB.
     */
    @Test
    void theLongestErrorsAndWarningsFitTheItemLimit() {
        ImportJob job = newJob();
        store.create(job);
        ImportJob a = store.claim(job.id(), "A", now.plusSeconds(60)).orElseThrow();
        String wide = "\uD83D\uDE00"; // one character, four bytes of UTF-8
        List<RowError> errs = new ArrayList<>();
        List<RowError> warns = new ArrayList<>();
        for (int i = 0; i < ImportJob.MAX_ERRORS; i++) {
            errs.add(new RowError(100_000_000_000L + i, wide.repeat(500), wide.repeat(5000)));
            warns.add(new RowError(100_000_000_000L + i, null, wide.repeat(5000)));
        }
        assertEquals(ImportJob.MAX_MESSAGE, errs.get(0).message().codePointCount(0, errs.get(0).message().length()),
                "messages are cut");
        SENT.clear();
        store.progress(a, new Progress(100_001, 1 << 30, null, 100_000, 0, 0, 0, 0, 100_000, 5000, 1000, 1000),
                new Listed(errs, warns), now.plusSeconds(60));
        TransactWriteItemsRequest tx = (TransactWriteItemsRequest) SENT.get(0);
        assertTrue(tx.transactItems().size() <= 12, "items " + tx.transactItems().size());
        long total = 0;
        for (var t : tx.transactItems().subList(1, tx.transactItems().size())) {
            long size = itemBytes(t.put().item());
            assertTrue(size < 400 * 1024, "an entries item of " + size + " bytes");
            total += size;
        }
        assertTrue(total < 4_000_000, "a transaction of " + total + " bytes");
        ImportJob read = store.get(job.id()).orElseThrow();
        assertEquals(errs, read.listed().errors());
        assertEquals(warns, read.listed().warnings());
        assertEquals(100_000, read.progress().rejected());
    }

    /** An item's size by DynamoDB's rules (names and UTF-8 values; numbers up to 21 bytes; 3 bytes + 1 per element for lists and maps). */
    static long itemBytes(Map<String, AttributeValue> item) {
        long n = 0;
        for (var e : item.entrySet()) {
            n += e.getKey().getBytes(StandardCharsets.UTF_8).length + valueBytes(e.getValue());
        }
        return n;
    }

    static long valueBytes(AttributeValue v) {
        if (v.s() != null) {
            return v.s().getBytes(StandardCharsets.UTF_8).length;
        }
        if (v.n() != null) {
            return 21;
        }
        if (v.hasL()) {
            long n = 3;
            for (AttributeValue x : v.l()) {
                n += 1 + valueBytes(x);
            }
            return n;
        }
        if (v.hasM()) {
            long n = 3;
            for (var e : v.m().entrySet()) {
                n += 1 + e.getKey().getBytes(StandardCharsets.UTF_8).length + valueBytes(e.getValue());
            }
            return n;
        }
        return 0;
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
        Random r = new Random(1);
        while (b.length() < n) {
            b.append(Long.toString(r.nextLong(), 36));
        }
        return b.toString();
    }

    static AttributeValue s(String v) {
        return AttributeValue.builder().s(v).build();
    }
}
