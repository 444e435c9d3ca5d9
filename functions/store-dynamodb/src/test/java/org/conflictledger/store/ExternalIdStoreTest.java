package org.conflictledger.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.f4b6a3.ulid.UlidCreator;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.conflictledger.domain.Change;
import org.conflictledger.domain.Report;
import org.conflictledger.domain.Source;
import org.conflictledger.domain.Status;
import org.conflictledger.domain.StoredReport;
import org.conflictledger.domain.fixtures.SampleReports;
import org.conflictledger.domain.json.ReportJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * The externalId's uniqueness item (docs/data-model.md, "External ids"), request by request: it
 * travels in the report's own TransactWriteItems with these conditions, and imports read it with
 * BatchGetItem in chunks of 100, asking again for unprocessed keys.
 */
class ExternalIdStoreTest {

    private static final String TABLE = "externalids";
    static final String PINNED_HASH = "bc90ced66c72acb8cd903f76f3f3aa876dd6492b28274aacd64e8bf3e2966850";
    private static RecordingDynamo dynamo;
    private ReportStore store;

    @BeforeAll
    static void table() {
        dynamo = new RecordingDynamo();
        TableSetup.ensure(dynamo.client, TABLE);
    }

    @BeforeEach
    void fresh() {
        store = new ReportStore(dynamo.client, TABLE, Clock.systemUTC());
        dynamo.responses = r -> r;
        dynamo.clear();
    }

    private static String unique(String prefix) {
        return prefix + ":" + UlidCreator.getMonotonicUlid();
    }

    private static StoredReport first(String externalId) {
        Instant now = Instant.now();
        return new StoredReport(UlidCreator.getMonotonicUlid().toString(), 1, Status.RECEIVED, "reporter-1", now, now,
                null, SampleReports.valid().withExternalId(externalId));
    }

    private StoredReport created(String externalId) {
        StoredReport r = first(externalId);
        store.create(r, null);
        return r;
    }

    private static Map<String, AttributeValue> key(String externalId) {
        return Items.key(Keys.externalId(externalId), Keys.EXTERNAL_SK);
    }

    /** The one transaction element on the uniqueness item of {@code externalId}. */
    private static TransactWriteItem element(TransactWriteItemsRequest tx, String externalId) {
        List<TransactWriteItem> on = tx.transactItems().stream().filter(i -> key(externalId).equals(
                i.put() != null ? Items.key(i.put().item().get("pk").s(), i.put().item().get("sk").s())
                        : i.delete() != null ? i.delete().key() : null)).toList();
        assertEquals(1, on.size(), () -> "elements on " + externalId + ": " + on);
        return on.get(0);
    }

    private static Map<String, AttributeValue> item(StoredReport r) {
        return Map.of("pk", Items.s("X#" + r.report().externalId()), "sk", Items.s("X"),
                "rid", Items.s(r.id()), "rev", Items.n(r.revision()),
                "hash", Items.s(ReportStore.contentHash(r.report())), "status", Items.s(r.status().toString()));
    }

    @Test
    void aCreateClaimsTheExternalIdInItsOneTransaction() {
        StoredReport without = first(null);
        store.create(without, null);
        int elementsWithout = dynamo.sent(TransactWriteItemsRequest.class).get(0).transactItems().size();
        dynamo.clear();

        String id = unique("acled");
        StoredReport r = created(id);

        assertEquals(List.of("TransactWriteItems"), dynamo.operations());
        TransactWriteItemsRequest tx = dynamo.sent(TransactWriteItemsRequest.class).get(0);
        assertEquals(elementsWithout + 1, tx.transactItems().size());
        Put put = element(tx, id).put();
        assertEquals(TABLE, put.tableName());
        assertEquals(item(r), put.item());
        assertEquals("attribute_not_exists(pk)", put.conditionExpression());
        assertTrue(put.expressionAttributeValues().isEmpty());
        assertEquals(Map.of(id, new ExternalRef(id, r.id(), 1, ReportStore.contentHash(r.report()), "received")),
                store.findByExternalIds(List.of(id)));
    }

    @Test
    void aSecondCreateWithALiveExternalIdIsRefusedWithTheHoldersIdAndStoresNothing() {
        String id = unique("acled");
        StoredReport holder = created(id);
        dynamo.clear();
        StoredReport second = first(id);

        ExternalIdTakenException e = assertThrows(ExternalIdTakenException.class, () -> store.create(second, null));

        assertEquals(holder.id(), e.existingId());
        assertEquals(id, e.externalId());
        // The cancelled transaction, the check that it had not landed before, the holder's item.
        assertEquals(List.of("TransactWriteItems", "GetItem", "GetItem"), dynamo.operations());
        assertEquals(key(id), dynamo.sent(GetItemRequest.class).get(1).key());
        assertTrue(dynamo.sent(GetItemRequest.class).get(1).consistentRead());
        assertTrue(store.get(second.id()).isEmpty());
        assertEquals(holder.id(), store.findByExternalIds(List.of(id)).get(id).reportId());
    }

    @Test
    void aRepeatedClaimIsAnIdempotentReplayNotAConflict() {
        String id = unique("acled");
        StoredReport r = first(id);
        IdempotencyRecord claim = new IdempotencyRecord(Keys.idempotency("t", id), "h", r.id(), 1, null,
                Instant.now().getEpochSecond() + 3600);
        store.create(r, claim);
        StoredReport again = first(id);
        IdempotencyConflictException e = assertThrows(IdempotencyConflictException.class,
                () -> store.create(again, new IdempotencyRecord(claim.key(), "h", again.id(), 1, null,
                        claim.expiresAtEpochSecond())));
        assertEquals(r.id(), e.existing().reportId());
    }

    @Test
    void aCorrectionKeepingTheExternalIdUpdatesItsItemGuardedByTheReportId() {
        String id = unique("acled");
        StoredReport r = created(id);
        dynamo.clear();
        Report changed = r.report();
        StoredReport next = r.next(Status.RECEIVED, new Report(changed.scope(), "k-2", changed.source(),
                changed.period(), changed.datePrecision(), changed.place(), changed.eventType(),
                changed.subEventType(), changed.actors(), changed.figures(), changed.territory(), "corrected",
                changed.language(), changed.tags(), id), Instant.now(), null);

        store.replace(r, next, Change.Kind.CORRECTED, null);

        TransactWriteItemsRequest tx = dynamo.sent(TransactWriteItemsRequest.class).get(0);
        Put put = element(tx, id).put();
        assertEquals(item(next), put.item());
        assertEquals("attribute_not_exists(pk) OR rid = :rid", put.conditionExpression());
        assertEquals(Map.of(":rid", Items.s(r.id())), put.expressionAttributeValues());
        ExternalRef ref = store.findByExternalIds(List.of(id)).get(id);
        assertEquals(2, ref.revision());
        assertNotEquals(ReportStore.contentHash(r.report()), ref.contentHash());
    }

    @Test
    void aCorrectionThatChangesTheExternalIdMovesItInTheSameTransaction() {
        String old = unique("acled");
        String now = unique("ucdp-ged");
        StoredReport r = created(old);
        dynamo.clear();
        StoredReport next = r.next(Status.RECEIVED, r.report().withExternalId(now), Instant.now(), null);

        store.replace(r, next, Change.Kind.CORRECTED, null);

        assertEquals(List.of("TransactWriteItems"), dynamo.operations());
        TransactWriteItemsRequest tx = dynamo.sent(TransactWriteItemsRequest.class).get(0);
        Delete delete = element(tx, old).delete();
        assertEquals(key(old), delete.key());
        assertEquals("attribute_not_exists(pk) OR rid = :rid", delete.conditionExpression());
        assertEquals(Map.of(":rid", Items.s(r.id())), delete.expressionAttributeValues());
        Put put = element(tx, now).put();
        assertEquals(item(next), put.item());
        assertEquals("attribute_not_exists(pk)", put.conditionExpression());
        assertEquals(Set.of(now), store.findByExternalIds(List.of(old, now)).keySet());
    }

    @Test
    void aCorrectionToAnotherLiveReportsExternalIdIsRefusedAndChangesNothing() {
        String mine = unique("acled");
        String theirs = unique("acled");
        StoredReport r = created(mine);
        StoredReport other = created(theirs);
        StoredReport next = r.next(Status.RECEIVED, r.report().withExternalId(theirs), Instant.now(), null);

        ExternalIdTakenException e = assertThrows(ExternalIdTakenException.class,
                () -> store.replace(r, next, Change.Kind.CORRECTED, null));

        assertEquals(other.id(), e.existingId());
        assertEquals(1, store.get(r.id()).orElseThrow().revision());
        Map<String, ExternalRef> refs = store.findByExternalIds(List.of(mine, theirs));
        assertEquals(r.id(), refs.get(mine).reportId());
        assertEquals(other.id(), refs.get(theirs).reportId());
    }

    @Test
    void aRetractionFreesTheExternalIdForANewReport() {
        String id = unique("acled");
        StoredReport r = created(id);
        dynamo.clear();
        StoredReport retracted = r.next(Status.RETRACTED, r.report(), Instant.now(), "withdrawn by the source");

        store.replace(r, retracted, Change.Kind.RETRACTED, null);

        TransactWriteItemsRequest tx = dynamo.sent(TransactWriteItemsRequest.class).get(0);
        Delete delete = element(tx, id).delete();
        assertEquals("attribute_not_exists(pk) OR rid = :rid", delete.conditionExpression());
        assertTrue(store.findByExternalIds(List.of(id)).isEmpty());
        assertEquals(id, store.get(r.id()).orElseThrow().report().externalId(), "the retracted report keeps showing it");
        StoredReport successor = created(id);
        assertEquals(successor.id(), store.byExternalId(id).orElseThrow().id());
    }

    @Test
    void aRejectedReportKeepsItsExternalIdThroughReviewAndCorrection() {
        String id = unique("acled");
        StoredReport r = created(id);
        StoredReport rejected = r.next(Status.REJECTED, r.report(), Instant.now(), "no such event");
        store.replace(r, rejected, Change.Kind.REVIEWED, null);
        assertEquals(new ExternalRef(id, r.id(), 2, ReportStore.contentHash(r.report()), "rejected"),
                store.findByExternalIds(List.of(id)).get(id));
        assertThrows(ExternalIdTakenException.class, () -> store.create(first(id), null));

        StoredReport corrected = rejected.next(Status.RECEIVED, r.report(), Instant.now(), null);
        store.replace(rejected, corrected, Change.Kind.CORRECTED, null);
        assertEquals(new ExternalRef(id, r.id(), 3, ReportStore.contentHash(r.report()), "received"),
                store.findByExternalIds(List.of(id)).get(id));
    }

    @Test
    void retractByExternalIdRetractsTheHolderWithTheReasonAndFreesIt() {
        String id = unique("acled");
        StoredReport r = created(id);
        dynamo.clear();

        StoredReport retracted = store.retractByExternalId(id, "ACLED deleted this event", null).orElseThrow();

        assertEquals(List.of("GetItem", "GetItem", "TransactWriteItems"), dynamo.operations());
        assertEquals(r.id(), retracted.id());
        assertEquals(Status.RETRACTED, retracted.status());
        assertEquals("ACLED deleted this event", retracted.statusNote());
        assertEquals(retracted, store.get(r.id()).orElseThrow());
        assertTrue(store.findByExternalIds(List.of(id)).isEmpty());
        assertTrue(store.retractByExternalId(id, "again", null).isEmpty());
    }

    @Test
    void findByExternalIdsAsksAtMostOneHundredKeysPerConsistentBatchGet() {
        List<StoredReport> live = List.of(created(unique("acled")), created(unique("acled")), created(unique("acled")));
        List<String> ids = new ArrayList<>();
        IntStream.range(0, 247).forEach(i -> ids.add(unique("absent")));
        live.forEach(r -> ids.add(120, r.report().externalId()));
        ids.add(ids.get(0)); // a repeated id is asked once: BatchGetItem refuses duplicate keys
        dynamo.clear();

        Map<String, ExternalRef> found = store.findByExternalIds(ids);

        List<BatchGetItemRequest> sent = dynamo.sent(BatchGetItemRequest.class);
        assertEquals(List.of("BatchGetItem", "BatchGetItem", "BatchGetItem"), dynamo.operations());
        assertEquals(List.of(100, 100, 50), sent.stream().map(b -> b.requestItems().get(TABLE).keys().size()).toList());
        assertTrue(sent.stream().allMatch(b -> b.requestItems().get(TABLE).consistentRead()));
        List<Map<String, AttributeValue>> asked = sent.stream().flatMap(b -> b.requestItems().get(TABLE).keys().stream())
                .toList();
        assertEquals(new LinkedHashSet<>(ids).stream().map(ExternalIdStoreTest::key).toList(), asked);
        assertEquals(live.stream().collect(Collectors.toMap(r -> r.report().externalId(), StoredReport::id)),
                found.values().stream().collect(Collectors.toMap(ExternalRef::externalId, ExternalRef::reportId)));
    }

    @Test
    void unprocessedKeysAreAskedAgainUntilAnswered() {
        List<StoredReport> live = List.of(created(unique("acled")), created(unique("acled")), created(unique("acled")));
        List<String> ids = live.stream().map(r -> r.report().externalId()).toList();
        AtomicInteger faults = new AtomicInteger(2);
        // The fault: the first two answers return only one item and leave the other keys unprocessed.
        dynamo.responses = r -> r instanceof BatchGetItemResponse b && faults.getAndDecrement() > 0 ? unprocessed(b) : r;
        dynamo.clear();

        Map<String, ExternalRef> found = store.findByExternalIds(ids);

        List<BatchGetItemRequest> sent = dynamo.sent(BatchGetItemRequest.class);
        assertEquals(List.of(3, 2, 1), sent.stream().map(b -> b.requestItems().get(TABLE).keys().size()).toList());
        assertTrue(sent.stream().allMatch(b -> b.requestItems().get(TABLE).consistentRead()));
        assertEquals(Set.copyOf(ids), found.keySet());
    }

    @Test
    void keysThatStayUnprocessedAreA503AfterTheLastRound() {
        StoredReport r = created(unique("acled"));
        dynamo.responses = x -> x instanceof BatchGetItemResponse b ? unprocessedAll(b, r.report().externalId()) : x;
        dynamo.clear();

        assertThrows(StorageUnavailableException.class, () -> store.findByExternalIds(List.of(r.report().externalId())));
        assertEquals(ExternalIds.MAX_ROUNDS, dynamo.sent(BatchGetItemRequest.class).size());
    }

    /** Keeps the first item of the answer and leaves the other items' keys unprocessed. */
    private static BatchGetItemResponse unprocessed(BatchGetItemResponse b) {
        List<Map<String, AttributeValue>> items = b.responses().getOrDefault(TABLE, List.of());
        if (items.size() < 2) {
            return b;
        }
        List<Map<String, AttributeValue>> left = items.subList(1, items.size()).stream()
                .map(i -> Items.key(i.get("pk").s(), i.get("sk").s())).toList();
        return b.toBuilder().responses(Map.of(TABLE, items.subList(0, 1)))
                .unprocessedKeys(Map.of(TABLE, KeysAndAttributes.builder().keys(left).consistentRead(true).build()))
                .build();
    }

    private static BatchGetItemResponse unprocessedAll(BatchGetItemResponse b, String externalId) {
        return b.toBuilder().responses(Map.of(TABLE, List.of()))
                .unprocessedKeys(Map.of(TABLE, KeysAndAttributes.builder().keys(List.of(key(externalId)))
                        .consistentRead(true).build()))
                .build();
    }

    @Test
    void theContentHashIsTheSha256OfTheCanonicalReportWithoutItsExternalId() {
        Report r = SampleReports.valid();
        // Pinned: were it to change between JVMs or releases, every import would rewrite everything.
        assertEquals(PINNED_HASH, ReportStore.contentHash(r));
        assertEquals(Keys.sha256(ReportJson.canonical(r)), ReportStore.contentHash(r));
        assertEquals(ReportStore.contentHash(r), ReportStore.contentHash(r.withExternalId("acled:SYR1")));
        assertNotEquals(ReportStore.contentHash(r), ReportStore.contentHash(r.withSource(new Source(
                r.source().kind(), "Another source", null, r.source().publishedAt(), false))));
    }

    @Test
    void byExternalIdReadsTheUniquenessItemThenTheHead() {
        String id = unique("acled");
        StoredReport r = created(id);
        dynamo.clear();
        assertEquals(r, store.byExternalId(id).orElseThrow());
        List<GetItemRequest> gets = dynamo.sent(GetItemRequest.class);
        assertEquals(List.of(key(id), Items.key(Keys.report(r.id()), Keys.HEAD)), gets.stream().map(GetItemRequest::key).toList());
        dynamo.clear();
        assertTrue(store.byExternalId(unique("absent")).isEmpty());
        assertEquals(List.of("GetItem"), dynamo.operations());
    }
}
