package org.conflictledger.store;

import static org.conflictledger.store.LedgerTable.PK;
import static org.conflictledger.store.LedgerTable.SK;
import static org.conflictledger.store.LedgerTable.TTL;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.conflictledger.store.ImportJob.Listed;
import org.conflictledger.store.ImportJob.Progress;
import org.conflictledger.store.ImportJob.RowError;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The import items (docs/data-model.md, docs/imports.md): one item per import, keyed
 * {@code IM#<id>} / {@code IMPORT}, and beside it the items that keep its first errors and warnings
 * ({@code LISTED#<position>}). Every write after the creation is a conditional UpdateItem on
 * the lease holder and the item's version {@code v}: an invocation that lost the import (its
 * lease expired and another one claimed it) cannot record a chunk, so no chunk is counted twice.
 */
public final class ImportStore {

    public static final String SORT = "IMPORT";
    /** The sort key prefix of the items that keep an import's errors and warnings (after {@link #SORT}). */
    public static final String LISTED = "LISTED#";
    /** A listed item's entries stop below this estimate: far under DynamoDB's 400 KB. */
    static final int LISTED_ITEM_BYTES = 350_000;
    /** An import whose upload never comes is deleted by DynamoDB's TTL this long after its URL expired. */
    public static final Duration EXPIRED_KEPT = Duration.ofDays(1);

    private final DynamoDbClient db;
    private final String table;
    private final Clock clock;

    public ImportStore(DynamoDbClient db, String table, Clock clock) {
        this.db = db;
        this.table = table;
        this.clock = clock;
    }

    public static String key(String id) {
        return "IM#" + id;
    }

    /** Stores a new import awaiting its upload; fails on an id collision (never overwrites). */
    public void create(ImportJob job) {
        Map<String, AttributeValue> item = new HashMap<>(keyOf(job.id()));
        item.put("id", s(job.id()));
        item.put("format", s(job.format()));
        item.put("filename", s(job.filename()));
        if (job.sourceJson() != null) {
            item.put("source", s(job.sourceJson()));
        }
        item.put("creator", s(job.creator()));
        item.put("status", s(ImportJob.AWAITING_UPLOAD));
        item.put("createdAt", s(job.createdAt().toString()));
        item.put("uploadExpiresAt", s(job.uploadExpiresAt().toString()));
        item.put("v", n(0));
        item.put(TTL, n(job.uploadExpiresAt().plus(EXPIRED_KEPT).getEpochSecond()));
        Dynamo.call("create import", () -> db.putItem(PutItemRequest.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(pk)").build()));
    }

    /**
     * The import with its kept errors and warnings: one strongly consistent Query of its partition
     * (the import item sorts before its {@link #LISTED} items; more than one page only when the
     * messages are very long).
     */
    public Optional<ImportJob> get(String id) {
        Map<String, AttributeValue> head = null;
        List<RowError> errors = new ArrayList<>();
        List<RowError> warnings = new ArrayList<>();
        Map<String, AttributeValue> from = null;
        do {
            QueryRequest q = QueryRequest.builder().tableName(table).consistentRead(true)
                    .keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", s(key(id))))
                    .exclusiveStartKey(from).build();
            QueryResponse page = Dynamo.call("get import", () -> db.query(q));
            for (Map<String, AttributeValue> item : page.items()) {
                if (SORT.equals(item.get(SK).s())) {
                    head = item;
                }
                if (item.containsKey("errs")) {
                    item.get("errs").l().forEach(v -> errors.add(entry(v)));
                }
                if (item.containsKey("warns")) {
                    item.get("warns").l().forEach(v -> warnings.add(entry(v)));
                }
            }
            from = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (from != null);
        if (head == null) {
            return Optional.empty();
        }
        ImportJob j = read(head);
        return Optional.of(new ImportJob(j.id(), j.format(), j.filename(), j.sourceJson(), j.creator(), j.status(),
                j.createdAt(), j.uploadExpiresAt(), j.startedAt(), j.finishedAt(), j.progress(), j.version(), j.lease(),
                j.leaseUntilMillis(), new Listed(errors, warnings)));
    }

    /**
     * Takes the import for one invocation until {@code leaseUntil} (the invocation's deadline):
     * an import awaiting its upload, or a running one whose previous holder's lease has run out
     * (it handed the import on, or it died). One UpdateItem, returning the item as claimed; empty
     * when the import is unknown, finished, or held by a live invocation.
     */
    public Optional<ImportJob> claim(String id, String owner, Instant leaseUntil) {
        Instant now = clock.instant();
        try {
            Map<String, AttributeValue> item = Dynamo.call("claim import", () -> db.updateItem(UpdateItemRequest.builder()
                    .tableName(table).key(keyOf(id))
                    .updateExpression("SET #st = :running, lease = :owner, leaseUntil = :until,"
                            + " startedAt = if_not_exists(startedAt, :now), v = v + :one REMOVE #ttl")
                    .conditionExpression("attribute_exists(pk) AND (#st = :awaiting"
                            + " OR (#st = :running AND leaseUntil < :nowMillis))")
                    .expressionAttributeNames(Map.of("#st", "status", "#ttl", TTL))
                    .expressionAttributeValues(Map.of(":running", s(ImportJob.RUNNING),
                            ":awaiting", s(ImportJob.AWAITING_UPLOAD), ":owner", s(owner),
                            ":until", n(leaseUntil.toEpochMilli()), ":now", s(now.toString()),
                            ":nowMillis", n(now.toEpochMilli()), ":one", n(1)))
                    .returnValues(ReturnValue.ALL_NEW)
                    .build())).attributes();
            return Optional.of(read(item));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    /**
     * Records the chunk just done: counts are absolute (not increments), so they always describe
     * exactly the rows before {@code nextRow}; {@code added} are the errors and warnings kept since the
     * last record, written in the same request (see {@link #update}). Conditional on the lease and
     * the version the caller read; returns the new version.
     */
    public long progress(ImportJob job, Progress p, Listed added, Instant leaseUntil) {
        return update(job, p, added, "SET leaseUntil = :until", Map.of(":until", n(leaseUntil.toEpochMilli())), Map.of());
    }

    /** Records the progress and gives the lease up, so that a fresh invocation can claim the import at once. */
    public long release(ImportJob job, Progress p, Listed added) {
        return update(job, p, added, "SET leaseUntil = :zero REMOVE lease", Map.of(":zero", n(0)), Map.of());
    }

    /** Records the last progress and the final status ({@code done} or {@code failed}). */
    public long finish(ImportJob job, Progress p, Listed added, String status) {
        return update(job, p, added, "SET #st = :final, finishedAt = :now, leaseUntil = :zero REMOVE lease",
                Map.of(":final", s(status), ":now", s(clock.instant().toString()), ":zero", n(0)),
                Map.of("#st", "status"));
    }

    /**
     * One request per record. Nothing newly kept: an UpdateItem of the import item. Errors or
     * warnings newly kept: one TransactWriteItems of that update and the entries as their own items
     * ({@link #LISTED} + the position of their first entry), so the import item stays small however
     * long the messages are (docs/data-model.md, "Imports"), and the entries land exactly when the
     * counts that include them do: a resumed import neither repeats nor loses one.
     */
    private long update(ImportJob job, Progress p, Listed added, String extra, Map<String, AttributeValue> extraValues,
                        Map<String, String> extraNames) {
        Map<String, AttributeValue> values = new HashMap<>(extraValues);
        values.put(":owner", s(job.lease()));
        values.put(":v", n(job.version()));
        values.put(":next", n(job.version() + 1));
        values.put(":row", n(p.nextRow()));
        values.put(":off", n(p.offset()));
        values.put(":counts", counts(p));
        // extra starts with SET and may end with a REMOVE clause: ours go into its SET.
        String set = "nextRow = :row, byteOffset = :off, counts = :counts, v = :next";
        if (p.header() != null) {
            values.put(":hdr", AttributeValue.builder().b(SdkBytes.fromByteArray(p.header())).build());
            set += ", hdr = :hdr";
        }
        String expression = extra.replaceFirst("^SET ", "SET " + set + ", ");
        Map<String, String> names = extraNames.isEmpty() ? null : extraNames;
        String condition = "lease = :owner AND v = :v";
        try {
            if (added.isEmpty()) {
                Dynamo.call("record import progress", () -> db.updateItem(UpdateItemRequest.builder()
                        .tableName(table).key(keyOf(job.id()))
                        .updateExpression(expression)
                        .conditionExpression(condition)
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(values)
                        .build()));
                return job.version() + 1;
            }
            List<TransactWriteItem> items = new ArrayList<>();
            items.add(TransactWriteItem.builder().update(Update.builder()
                    .tableName(table).key(keyOf(job.id()))
                    .updateExpression(expression)
                    .conditionExpression(condition)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .build()).build());
            long first = p.errorsListed() + p.warningsListed() - added.errors().size() - added.warnings().size();
            for (Map<String, AttributeValue> item : listedItems(job.id(), first, added)) {
                items.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(item).build()).build());
            }
            // The same token for the same version of the same holder: the SDK's retry of an attempt
            // whose answer was lost is answered as that attempt was (10 minutes).
            String token = UUID.nameUUIDFromBytes((job.id() + "|" + job.lease() + "|" + job.version())
                    .getBytes(StandardCharsets.UTF_8)).toString();
            try {
                Dynamo.call("record import progress", () -> db.transactWriteItems(TransactWriteItemsRequest.builder()
                        .clientRequestToken(token).transactItems(items).build()));
            } catch (TransactionCanceledException e) {
                if (Cancellations.conditionFailed(e.cancellationReasons(), 0)) {
                    throw new LeaseLostException("import " + job.id() + " is no longer held by " + job.lease());
                }
                throw Cancellations.failure("record import progress", e);
            }
            return job.version() + 1;
        } catch (ConditionalCheckFailedException e) {
            throw new LeaseLostException("import " + job.id() + " is no longer held by " + job.lease());
        }
    }

    /**
     * The entries as items of at most {@link #LISTED_ITEM_BYTES} (by a generous estimate of DynamoDB's
     * item size), keyed by the position of their first entry among all kept entries. Worst case:
     * 2,000 entries of a 100-character field and a 300-character message, every character 4 bytes of
     * UTF-8, is under 1,700 bytes each, 3.4 MB in all: at most 11 items in one transaction, under its
     * 100 items and 4 MB (docs/data-model.md, "Imports").
     */
    static List<Map<String, AttributeValue>> listedItems(String id, long first, Listed added) {
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        List<AttributeValue> errs = new ArrayList<>();
        List<AttributeValue> warns = new ArrayList<>();
        long position = first;
        long start = first;
        int bytes = 0;
        List<RowError> all = new ArrayList<>(added.errors());
        all.addAll(added.warnings());
        for (int i = 0; i < all.size(); i++) {
            RowError e = all.get(i);
            int size = entryBytes(e);
            if (bytes + size > LISTED_ITEM_BYTES) {
                out.add(listedItem(id, start, errs, warns));
                errs = new ArrayList<>();
                warns = new ArrayList<>();
                start = position;
                bytes = 0;
            }
            (i < added.errors().size() ? errs : warns).add(entry(e));
            bytes += size;
            position++;
        }
        out.add(listedItem(id, start, errs, warns));
        return out;
    }

    /** An entry's size in an item, over-estimated: its texts in UTF-8 and 48 bytes for names, the row number and overheads. */
    static int entryBytes(RowError e) {
        return 48 + utf8(e.field()) + utf8(e.message());
    }

    private static int utf8(String s) {
        return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static Map<String, AttributeValue> listedItem(String id, long start, List<AttributeValue> errs,
                                                          List<AttributeValue> warns) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s(key(id)));
        item.put(SK, s(LISTED + String.format("%010d", start)));
        item.put("errs", AttributeValue.builder().l(errs).build());
        item.put("warns", AttributeValue.builder().l(warns).build());
        return item;
    }

    private static AttributeValue entry(RowError e) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("r", n(e.row()));
        if (e.field() != null) {
            m.put("f", s(e.field()));
        }
        m.put("m", s(e.message()));
        return AttributeValue.builder().m(m).build();
    }

    private static RowError entry(AttributeValue v) {
        Map<String, AttributeValue> m = v.m();
        AttributeValue f = m.get("f");
        return new RowError(Long.parseLong(m.get("r").n()), f == null ? null : f.s(), m.get("m").s());
    }

    private static AttributeValue counts(Progress p) {
        return AttributeValue.builder().l(n(p.rows()), n(p.created()), n(p.corrected()), n(p.unchanged()),
                n(p.retracted()), n(p.rejected()), n(p.warnings()), n(p.errorsListed()), n(p.warningsListed())).build();
    }

    static ImportJob read(Map<String, AttributeValue> i) {
        Progress p = Progress.start();
        if (i.containsKey("nextRow")) {
            List<AttributeValue> c = i.get("counts").l();
            // Items recorded before the entries had their own items keep their errors in "errs".
            long legacyErrors = i.containsKey("errs") ? i.get("errs").l().size() : 0;
            p = new Progress(num(i, "nextRow"), num(i, "byteOffset"),
                    i.containsKey("hdr") ? i.get("hdr").b().asByteArray() : null,
                    Long.parseLong(c.get(0).n()), Long.parseLong(c.get(1).n()), Long.parseLong(c.get(2).n()),
                    Long.parseLong(c.get(3).n()), Long.parseLong(c.get(4).n()), Long.parseLong(c.get(5).n()),
                    Long.parseLong(c.get(6).n()), c.size() > 7 ? Long.parseLong(c.get(7).n()) : legacyErrors,
                    c.size() > 8 ? Long.parseLong(c.get(8).n()) : 0);
        }
        return new ImportJob(str(i, "id"), str(i, "format"), str(i, "filename"), str(i, "source"), str(i, "creator"),
                str(i, "status"), instant(i, "createdAt"), instant(i, "uploadExpiresAt"), instant(i, "startedAt"),
                instant(i, "finishedAt"), p, num(i, "v"), str(i, "lease"), num(i, "leaseUntil"));
    }

    private static String str(Map<String, AttributeValue> i, String k) {
        AttributeValue v = i.get(k);
        return v == null ? null : v.s();
    }

    private static long num(Map<String, AttributeValue> i, String k) {
        AttributeValue v = i.get(k);
        return v == null ? 0 : Long.parseLong(v.n());
    }

    private static Instant instant(Map<String, AttributeValue> i, String k) {
        String v = str(i, k);
        return v == null ? null : Instant.parse(v);
    }

    private static Map<String, AttributeValue> keyOf(String id) {
        return Map.of(PK, s(key(id)), SK, s(SORT));
    }

    private static AttributeValue s(String v) {
        return AttributeValue.builder().s(v).build();
    }

    private static AttributeValue n(long v) {
        return AttributeValue.builder().n(Long.toString(v)).build();
    }
}
