package org.conflictledger.store;

import static org.conflictledger.store.LedgerTable.PK;
import static org.conflictledger.store.LedgerTable.SK;
import static org.conflictledger.store.LedgerTable.TTL;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.conflictledger.domain.Actor;
import org.conflictledger.domain.Change;
import org.conflictledger.domain.Place;
import org.conflictledger.domain.Scope;
import org.conflictledger.domain.StoredReport;
import org.conflictledger.domain.json.ReportJson;
import org.conflictledger.domain.text.Normalize;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Reports in DynamoDB. Every change of a report is ONE TransactWriteItems request: the head, the
 * immutable revision, the change-feed entry, the idempotency record, the incident-day index and
 * the aggregation markers it touches, and the non-incident index. No crash point can leave a
 * report that the feed or the aggregation never sees.
 */
public final class ReportStore {

    /** Transaction conflicts (another writer on the same day marker) are retried this often. */
    private static final int CONFLICT_ATTEMPTS = 4;

    private final DynamoDbClient db;
    private final String table;
    private final Clock clock;

    public ReportStore(DynamoDbClient db, String table, Clock clock) {
        this.db = db;
        this.table = table;
        this.clock = clock;
    }

    public String table() {
        return table;
    }

    /** Stores revision 1 of a new report. */
    public void create(StoredReport report, IdempotencyRecord claim) {
        write(null, report, Change.Kind.CREATED, claim);
    }

    /** Stores {@code next} as the revision after {@code previous}, if nobody else did first. */
    public void replace(StoredReport previous, StoredReport next, Change.Kind kind, IdempotencyRecord claim) {
        write(previous, next, kind, claim);
    }

    public Optional<StoredReport> get(String id) {
        return item(Keys.report(id), Keys.HEAD).map(i -> ReportJson.read(i.get("doc").s()));
    }

    public Optional<StoredReport> revision(String id, int revision) {
        return item(Keys.report(id), Keys.revision(revision)).map(i -> ReportJson.read(i.get("doc").s()));
    }

    /** Every revision, oldest first. Unbounded: routes page with {@link #revisions(String, int, int, int)}. */
    public List<StoredReport> revisions(String id) {
        List<StoredReport> out = new ArrayList<>();
        revisions(id, 0, Integer.MAX_VALUE, 100).forEachRemaining(out::add);
        return out;
    }

    /**
     * Revisions {@code after + 1} to {@code upTo}, oldest first, read lazily through the SDK's
     * paginator: each Query asks for at most {@code pageSize} items and the next Query is sent only
     * when the caller reads past the previous one, so a caller that stops early reads no further.
     * Storage trouble while iterating is a {@link StorageUnavailableException}, as for any call.
     */
    public Iterator<StoredReport> revisions(String id, int after, int upTo, int pageSize) {
        if (after >= upTo) {
            return Collections.emptyIterator();
        }
        // The SDK may send the first Query as soon as the iterator exists: that too is a storage call.
        Iterator<Map<String, AttributeValue>> items = Dynamo.call("query revisions", () -> db.queryPaginator(QueryRequest.builder()
                .tableName(table)
                .keyConditionExpression("pk = :pk AND sk BETWEEN :lo AND :hi")
                .expressionAttributeValues(Map.of(":pk", s(Keys.report(id)),
                        ":lo", s(Keys.revision(after + 1)), ":hi", s(Keys.revision(upTo))))
                .limit(pageSize)
                .consistentRead(true)
                .build()).items().iterator());
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return Dynamo.call("query revisions", items::hasNext);
            }

            @Override
            public StoredReport next() {
                return ReportJson.read(Dynamo.call("query revisions", items::next).get("doc").s());
            }
        };
    }

    /** A live (unexpired) idempotency record, read consistently. */
    public Optional<IdempotencyRecord> idempotency(String key) {
        return item(key, Keys.IDEM_SK)
                .map(ReportStore::toRecord)
                .filter(r -> r.expiresAtEpochSecond() > clock.instant().getEpochSecond());
    }

    /** Records the outcome of a whole batch; first writer wins, a concurrent twin wrote the same. */
    public void putIdempotency(IdempotencyRecord record) {
        try {
            Dynamo.call("put idempotency", () -> db.transactWriteItems(TransactWriteItemsRequest.builder()
                    .transactItems(TransactWriteItem.builder().put(idempotencyPut(record)).build())
                    .build()));
        } catch (TransactionCanceledException e) {
            if (!failed(e.cancellationReasons(), 0)) {
                throw cancelled("put idempotency", e);
            }
            // Someone recorded this key first: their record stands.
        }
    }

    /** Cancellation reasons a retry cannot change (an item over 400 KB, an invalid value). */
    private static final Set<String> DETERMINISTIC_REASONS = Set.of("ValidationError", "ItemCollectionSizeLimitExceeded");

    /** A cancelled transaction as the service's failure: a 503 only when waiting can help. */
    private static RuntimeException cancelled(String what, TransactionCanceledException e) {
        List<CancellationReason> reasons = e.cancellationReasons();
        if (reasons.stream().anyMatch(r -> DETERMINISTIC_REASONS.contains(r.code()))) {
            return new StorageRejectedException(what + " refused: " + codes(reasons), e);
        }
        return new StorageUnavailableException(what + " cancelled: " + codes(reasons), e);
    }

    private void write(StoredReport prev, StoredReport next, Change.Kind kind, IdempotencyRecord claim) {
        String writeId = UUID.randomUUID().toString();
        List<TransactWriteItem> items = transactItems(prev, next, kind, claim, writeId);
        for (int attempt = 1; ; attempt++) {
            try {
                // The token makes the SDK's own retries of an ambiguous attempt idempotent (10 minutes).
                Dynamo.call("write report", () -> db.transactWriteItems(TransactWriteItemsRequest.builder()
                        .clientRequestToken(writeId).transactItems(items).build()));
                return;
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons = e.cancellationReasons();
                boolean conditionFailed = reasons.stream().anyMatch(r -> "ConditionalCheckFailed".equals(r.code()));
                // An attempt whose answer was lost may have landed; the SDK's retry then trips our own conditions.
                if (conditionFailed && landed(next)) {
                    return;
                }
                if (failed(reasons, 0)) {
                    if (prev == null) {
                        throw new IllegalStateException("report id collision: " + next.id());
                    }
                    throw new StaleRevisionException(next.id());
                }
                if (claim != null && failed(reasons, IDEM_INDEX)) {
                    throw new IdempotencyConflictException(idempotency(claim.key()).orElse(null));
                }
                boolean conflict = reasons.stream().anyMatch(r -> "TransactionConflict".equals(r.code()));
                if (!conflict || attempt >= CONFLICT_ATTEMPTS) {
                    throw cancelled("write report", e);
                }
                sleep(attempt);
            }
        }
    }

    /** True when exactly this revision is already stored: it can only have been written by us. */
    private boolean landed(StoredReport next) {
        return item(Keys.report(next.id()), Keys.revision(next.revision()))
                .map(i -> i.get("doc").s().equals(ReportJson.write(next)))
                .orElse(false);
    }

    private static final int IDEM_INDEX = 3;

    private List<TransactWriteItem> transactItems(StoredReport prev, StoredReport next, Change.Kind kind,
                                                  IdempotencyRecord claim, String writeId) {
        List<TransactWriteItem> items = new ArrayList<>();
        // The revision's JSON goes into head, revision and index items: serialised once.
        String doc = ReportJson.write(next);
        // 0: the head, guarded so that exactly one writer moves a revision on.
        Put.Builder head = Put.builder().tableName(table).item(headItem(next, doc));
        if (prev == null) {
            head.conditionExpression("attribute_not_exists(pk)");
        } else {
            head.conditionExpression("rev = :prev").expressionAttributeValues(Map.of(":prev", n(prev.revision())));
        }
        items.add(TransactWriteItem.builder().put(head.build()).build());
        // 1: the immutable revision.
        items.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                .item(Map.of(PK, s(Keys.report(next.id())), SK, s(Keys.revision(next.revision())),
                        "doc", s(doc)))
                .conditionExpression("attribute_not_exists(pk)")
                .build()).build());
        // 2: the change feed.
        Map<String, AttributeValue> feed = new HashMap<>();
        feed.put(PK, s(Keys.feedPartition(next.updatedAt())));
        feed.put(SK, s(Keys.feedSort(next.updatedAt(), next.id(), next.revision())));
        // The byFeed index: the whole feed in one key range, so a read skips empty months.
        feed.put("fpk", s(Keys.FEED_INDEX));
        feed.put("fsk", s(Keys.feedSort(next.updatedAt(), next.id(), next.revision())));
        feed.put("id", s(next.id()));
        feed.put("rev", n(next.revision()));
        feed.put("status", s(next.status().toString()));
        feed.put("change", s(kind.toString()));
        feed.put("at", s(next.updatedAt().toString()));
        if (next.submittedBy() != null) {
            feed.put("by", s(next.submittedBy()));
        }
        items.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(feed).build()).build());
        // 3: the idempotency record (a placeholder condition check keeps the index stable).
        if (claim != null) {
            items.add(TransactWriteItem.builder().put(idempotencyPut(claim)).build());
        }
        incidentDays(prev, next, doc, writeId, items);
        nonIncidents(prev, next, doc, items);
        return items;
    }

    /** The incident-day index and its markers: the aggregation's only inputs. */
    private void incidentDays(StoredReport prev, StoredReport next, String doc, String writeId,
                              List<TransactWriteItem> items) {
        String oldDay = isIncident(prev) ? Keys.day(prev.report().place().country(), prev.report().period().start()) : null;
        String newDay = isIncident(next) ? Keys.day(next.report().place().country(), next.report().period().start()) : null;
        Set<StoredReport> touched = new LinkedHashSet<>();
        if (oldDay != null) {
            touched.add(prev);
        }
        if (newDay != null && !newDay.equals(oldDay)) {
            touched.add(next);
        }
        if (oldDay != null && !oldDay.equals(newDay)) {
            items.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                    .key(key(oldDay, Keys.dayMember(prev.id()))).build()).build());
        }
        if (newDay != null) {
            if (next.counts()) {
                items.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                        .item(Map.of(PK, s(newDay), SK, s(Keys.dayMember(next.id())),
                                "doc", s(doc), "w", s(writeId)))
                        .build()).build());
            } else if (newDay.equals(oldDay)) {
                items.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                        .key(key(newDay, Keys.dayMember(next.id()))).build()).build());
            }
        }
        for (StoredReport r : touched) {
            String country = r.report().place().country();
            LocalDate day = r.report().period().start();
            // The sequence item names this write and the member state it leaves, so that a run
            // reading the day while this transaction is only partly visible can tell (see DayData).
            boolean present = Keys.day(country, day).equals(newDay) && next.counts();
            items.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                    .key(key(Keys.day(country, day), Keys.META))
                    .updateExpression("ADD seq :one SET w = :w, wr = :rid, wp = :present")
                    .expressionAttributeValues(Map.of(":one", n(1), ":w", s(writeId), ":rid", s(next.id()),
                            ":present", AttributeValue.builder().bool(present).build()))
                    .build()).build());
            items.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                    .key(key(Keys.MARKERS, Keys.marker(country, day)))
                    .updateExpression("SET tok = :w, country = :c, d = :d, since = if_not_exists(since, :now)"
                            + " ADD pending :one")
                    .expressionAttributeValues(Map.of(":w", s(writeId), ":one", n(1), ":c", s(country),
                            ":d", s(day.toString()), ":now", s(next.updatedAt().toString())))
                    .build()).build());
        }
    }

    /** Period totals, stocks and territory changes, which the figures route reads per country. */
    private void nonIncidents(StoredReport prev, StoredReport next, String doc, List<TransactWriteItem> items) {
        Map<String, AttributeValue> oldKey = isIncident(prev) || prev == null ? null
                : key(Keys.nonIncidents(prev.report().place().country()), Keys.nonIncidentSort(prev));
        Map<String, AttributeValue> newKey = isIncident(next) || !next.counts() ? null
                : key(Keys.nonIncidents(next.report().place().country()), Keys.nonIncidentSort(next));
        if (oldKey != null && !oldKey.equals(newKey)) {
            items.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(oldKey).build()).build());
        }
        if (newKey != null) {
            Map<String, AttributeValue> item = new HashMap<>(newKey);
            item.put("doc", s(doc));
            items.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(item).build()).build());
        }
    }

    private static boolean isIncident(StoredReport r) {
        return r != null && r.report().scope() == Scope.INCIDENT;
    }

    /** The head item of a report: the document plus the search index keys and filter attributes. */
    public static Map<String, AttributeValue> headItem(StoredReport r) {
        return headItem(r, ReportJson.write(r));
    }

    private static Map<String, AttributeValue> headItem(StoredReport r, String doc) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(PK, s(Keys.report(r.id())));
        item.put(SK, s(Keys.HEAD));
        item.put("doc", s(doc));
        item.put("rev", n(r.revision()));
        item.put("status", s(r.status().toString()));
        item.put("scope", s(r.report().scope().toString()));
        item.put("eventType", s(r.report().eventType().toString()));
        item.put("sourceKind", s(r.report().source().kind().toString()));
        item.put("pend", s(r.report().period().end().toString()));
        if (r.submittedBy() != null) {
            item.put("by", s(r.submittedBy()));
        }
        Set<String> actors = new TreeSet<>();
        for (Actor a : r.report().actorsOrEmpty()) {
            actors.add(Normalize.name(a.name()));
        }
        if (!actors.isEmpty()) {
            item.put("actors", AttributeValue.builder().ss(actors).build());
        }
        Place p = r.report().place();
        String span = Keys.spanClass(r);
        item.put("gsk", s(Keys.indexSort(r)));
        item.put("g0pk", s(Keys.countryIndex(p.country(), span)));
        if (p.admin1() != null) {
            item.put("g1pk", s(Keys.admin1Index(p.admin1(), span)));
        }
        if (p.admin2() != null) {
            item.put("g2pk", s(Keys.admin2Index(p.admin2(), span)));
        }
        return item;
    }

    private Put idempotencyPut(IdempotencyRecord r) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s(r.key()));
        item.put(SK, s(Keys.IDEM_SK));
        item.put("hash", s(r.bodyHash()));
        item.put(TTL, n(r.expiresAtEpochSecond()));
        if (r.reportId() != null) {
            item.put("rid", s(r.reportId()));
            item.put("rev", n(r.revision()));
        }
        if (r.results() != null) {
            // Compressed: a batch's results repeat the same field names and messages (see Submissions).
            item.put("resultsZ", AttributeValue.builder().b(SdkBytes.fromByteArray(gzip(r.results()))).build());
        }
        // TTL deletion lags by up to two days: an expired record is free to take.
        return Put.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(pk) OR #ttl < :now")
                .expressionAttributeNames(Map.of("#ttl", TTL))
                .expressionAttributeValues(Map.of(":now", n(clock.instant().getEpochSecond())))
                .build();
    }

    private static IdempotencyRecord toRecord(Map<String, AttributeValue> i) {
        return new IdempotencyRecord(i.get(PK).s(), i.get("hash").s(),
                i.containsKey("rid") ? i.get("rid").s() : null,
                i.containsKey("rev") ? Integer.parseInt(i.get("rev").n()) : 0,
                i.containsKey("resultsZ") ? gunzip(i.get("resultsZ").b().asByteArray())
                        : i.containsKey("results") ? i.get("results").s() : null,
                Long.parseLong(i.get(TTL).n()));
    }

    static byte[] gzip(String text) {
        var out = new ByteArrayOutputStream();
        try (var z = new GZIPOutputStream(out)) {
            z.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String gunzip(byte[] bytes) {
        try (var z = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(z.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Optional<Map<String, AttributeValue>> item(String pk, String sk) {
        var res = Dynamo.call("get item", () -> db.getItem(GetItemRequest.builder()
                .tableName(table).key(key(pk, sk)).consistentRead(true).build()));
        return res.hasItem() && !res.item().isEmpty() ? Optional.of(res.item()) : Optional.empty();
    }

    private static boolean failed(List<CancellationReason> reasons, int index) {
        return reasons.size() > index && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }

    private static String codes(List<CancellationReason> reasons) {
        return reasons.stream().map(CancellationReason::code).toList().toString();
    }

    private static void sleep(int attempt) {
        try {
            Thread.sleep(10L * attempt + (long) (Math.random() * 20));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, s(pk), SK, s(sk));
    }

    static AttributeValue s(String v) {
        return AttributeValue.builder().s(v).build();
    }

    static AttributeValue n(long v) {
        return AttributeValue.builder().n(Long.toString(v)).build();
    }
}
