package org.conflictledger.store;

import static org.conflictledger.store.LedgerTable.PK;
import static org.conflictledger.store.LedgerTable.SK;
import static org.conflictledger.store.LedgerTable.TTL;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.conflictledger.store.ImportJob.Progress;
import org.conflictledger.store.ImportJob.RowError;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The import items (docs/data-model.md, docs/imports.md): one item per import, keyed
 * {@code IM#<id>} / {@code IMPORT}. Every write after the creation is a conditional UpdateItem on
 * the lease holder and the item's version {@code v}: an invocation that lost the import (its
 * lease expired and another one claimed it) cannot record a chunk, so no chunk is counted twice.
 */
public final class ImportStore {

    public static final String SORT = "IMPORT";
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

    public Optional<ImportJob> get(String id) {
        Map<String, AttributeValue> item = Dynamo.call("get import", () -> db.getItem(GetItemRequest.builder()
                .tableName(table).key(keyOf(id)).consistentRead(true).build())).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(read(item));
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
     * Records the chunk just done: counts and errors are absolute (not increments), so they always
     * describe exactly the rows before {@code nextRow}. Conditional on the lease and the version the
     * caller read; returns the new version.
     */
    public long progress(ImportJob job, Progress p, Instant leaseUntil) {
        return update(job, p, "SET leaseUntil = :until", Map.of(":until", n(leaseUntil.toEpochMilli())), Map.of());
    }

    /** Records the progress and gives the lease up, so that a fresh invocation can claim the import at once. */
    public long release(ImportJob job, Progress p) {
        return update(job, p, "SET leaseUntil = :zero REMOVE lease", Map.of(":zero", n(0)), Map.of());
    }

    /** Records the last progress and the final status ({@code done} or {@code failed}). */
    public long finish(ImportJob job, Progress p, String status) {
        return update(job, p, "SET #st = :final, finishedAt = :now, leaseUntil = :zero REMOVE lease",
                Map.of(":final", s(status), ":now", s(clock.instant().toString()), ":zero", n(0)),
                Map.of("#st", "status"));
    }

    private long update(ImportJob job, Progress p, String extra, Map<String, AttributeValue> extraValues,
                        Map<String, String> extraNames) {
        Map<String, AttributeValue> values = new HashMap<>(extraValues);
        values.put(":owner", s(job.lease()));
        values.put(":v", n(job.version()));
        values.put(":next", n(job.version() + 1));
        values.put(":row", n(p.nextRow()));
        values.put(":off", n(p.offset()));
        values.put(":counts", counts(p));
        values.put(":errs", errors(p.errors()));
        // extra starts with SET and may end with a REMOVE clause: ours go into its SET.
        String set = "nextRow = :row, byteOffset = :off, counts = :counts, errs = :errs, v = :next";
        if (p.header() != null) {
            values.put(":hdr", AttributeValue.builder().b(SdkBytes.fromByteArray(p.header())).build());
            set += ", hdr = :hdr";
        }
        String expression = extra.replaceFirst("^SET ", "SET " + set + ", ");
        Map<String, String> names = extraNames.isEmpty() ? null : extraNames;
        try {
            Dynamo.call("record import progress", () -> db.updateItem(UpdateItemRequest.builder()
                    .tableName(table).key(keyOf(job.id()))
                    .updateExpression(expression)
                    .conditionExpression("lease = :owner AND v = :v")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .build()));
            return job.version() + 1;
        } catch (ConditionalCheckFailedException e) {
            throw new LeaseLostException("import " + job.id() + " is no longer held by " + job.lease());
        }
    }

    private static AttributeValue counts(Progress p) {
        return AttributeValue.builder().l(n(p.rows()), n(p.created()), n(p.corrected()), n(p.unchanged()),
                n(p.retracted()), n(p.rejected()), n(p.warnings())).build();
    }

    private static AttributeValue errors(List<RowError> errors) {
        List<AttributeValue> out = new ArrayList<>(errors.size());
        for (RowError e : errors) {
            out.add(AttributeValue.builder().m(Map.of("r", n(e.row()), "f", s(e.field() == null ? "" : e.field()),
                    "m", s(e.message() == null ? "" : e.message()))).build());
        }
        return AttributeValue.builder().l(out).build();
    }

    static ImportJob read(Map<String, AttributeValue> i) {
        Progress p = Progress.start();
        if (i.containsKey("nextRow")) {
            List<AttributeValue> c = i.get("counts").l();
            List<RowError> errs = i.get("errs").l().stream().map(AttributeValue::m)
                    .map(m -> new RowError(Long.parseLong(m.get("r").n()), m.get("f").s(), m.get("m").s())).toList();
            p = new Progress(num(i, "nextRow"), num(i, "byteOffset"),
                    i.containsKey("hdr") ? i.get("hdr").b().asByteArray() : null,
                    Long.parseLong(c.get(0).n()), Long.parseLong(c.get(1).n()), Long.parseLong(c.get(2).n()),
                    Long.parseLong(c.get(3).n()), Long.parseLong(c.get(4).n()), Long.parseLong(c.get(5).n()),
                    Long.parseLong(c.get(6).n()), errs);
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
