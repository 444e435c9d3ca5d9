package org.conflictledger.store;

import static org.conflictledger.store.Items.s;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.conflictledger.domain.Change;
import org.conflictledger.domain.Report;
import org.conflictledger.domain.Status;
import org.conflictledger.domain.StoredReport;
import org.conflictledger.domain.json.ReportJson;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Reports in DynamoDB. Every change of a report is ONE TransactWriteItems request
 * ({@link ReportTransaction} lists what it holds), retried only on transaction conflicts; reads
 * are consistent. Items are mapped by {@link ReportItems}, idempotency records kept by
 * {@link IdempotencyRecords}, externalIds by {@link ExternalIds}.
 */
public final class ReportStore {

    /** Transaction conflicts (another writer on the same day marker) are retried this often. */
    private static final int CONFLICT_ATTEMPTS = 4;

    private final DynamoDbClient db;
    private final String table;
    private final Clock clock;
    private final IdempotencyRecords idempotency;
    private final ExternalIds externalIds;

    public ReportStore(DynamoDbClient db, String table, Clock clock) {
        this.db = db;
        this.table = table;
        this.clock = clock;
        this.idempotency = new IdempotencyRecords(db, table, clock);
        this.externalIds = new ExternalIds(db, table);
    }

    public String table() {
        return table;
    }

    /**
     * Stores revision 1 of a new report. {@link ExternalIdTakenException} when a live report has
     * its externalId; {@link IdempotencyConflictException} when the claim's key is taken.
     */
    public void create(StoredReport report, IdempotencyRecord claim) {
        write(null, report, Change.Kind.CREATED, claim);
    }

    /** Stores {@code next} as the revision after {@code previous}, if nobody else did first. */
    public void replace(StoredReport previous, StoredReport next, Change.Kind kind, IdempotencyRecord claim) {
        write(previous, next, kind, claim);
    }

    public Optional<StoredReport> get(String id) {
        return Items.get(db, table, Keys.report(id), Keys.HEAD).map(ReportItems::report);
    }

    public Optional<StoredReport> revision(String id, int revision) {
        return Items.get(db, table, Keys.report(id), Keys.revision(revision)).map(ReportItems::report);
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
                return ReportItems.report(Dynamo.call("query revisions", items::next));
            }
        };
    }

    /** A live (unexpired) idempotency record, read consistently. */
    public Optional<IdempotencyRecord> idempotency(String key) {
        return idempotency.get(key);
    }

    /** Records the outcome of a whole batch; first writer wins, a concurrent twin wrote the same. */
    public void putIdempotency(IdempotencyRecord record) {
        idempotency.putAlone(record);
    }

    /** The live report with this externalId (a GetItem of its uniqueness item, then of the head). */
    public Optional<StoredReport> byExternalId(String externalId) {
        return externalIds.get(externalId).flatMap(ref -> get(ref.reportId()));
    }

    /**
     * The uniqueness items of these externalIds, by externalId (absent: no live report has it),
     * read with BatchGetItem, 100 keys a request (docs/data-model.md, "External ids").
     */
    public Map<String, ExternalRef> findByExternalIds(Collection<String> externalIds) {
        return this.externalIds.find(externalIds);
    }

    /** What {@link ExternalRef#contentHash()} holds for a report with this content. */
    public static String contentHash(Report r) {
        return ExternalIds.contentHash(r);
    }

    /**
     * Retracts the live report that has this externalId, with {@code reason} as its status note,
     * which frees the externalId; empty when no live report has it. Who may retract is the
     * caller's rule. {@link StaleRevisionException} when another change came first.
     */
    public Optional<StoredReport> retractByExternalId(String externalId, String reason, IdempotencyRecord claim) {
        Optional<StoredReport> head = byExternalId(externalId).filter(r -> r.status() != Status.RETRACTED);
        if (head.isEmpty()) {
            return Optional.empty();
        }
        StoredReport retracted = head.get().next(Status.RETRACTED, head.get().report(),
                clock.instant().truncatedTo(ChronoUnit.MILLIS), reason);
        replace(head.get(), retracted, Change.Kind.RETRACTED, claim);
        return Optional.of(retracted);
    }

    private void write(StoredReport prev, StoredReport next, Change.Kind kind, IdempotencyRecord claim) {
        String writeId = UUID.randomUUID().toString();
        ReportTransaction tx = new ReportTransaction(table, prev, next, kind,
                claim == null ? null : idempotency.put(claim), writeId);
        for (int attempt = 1; ; attempt++) {
            try {
                // The token makes the SDK's own retries of an ambiguous attempt idempotent (10 minutes).
                Dynamo.call("write report", () -> db.transactWriteItems(TransactWriteItemsRequest.builder()
                        .clientRequestToken(writeId).transactItems(tx.items).build()));
                return;
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons = e.cancellationReasons();
                // An attempt whose answer was lost may have landed; the SDK's retry then trips our own conditions.
                if (Cancellations.anyConditionFailed(reasons) && landed(next)) {
                    return;
                }
                if (Cancellations.conditionFailed(reasons, tx.head)) {
                    if (prev == null) {
                        throw new IllegalStateException("report id collision: " + next.id());
                    }
                    throw new StaleRevisionException(next.id());
                }
                // A repeat of a request is answered as the first one was, before any other conflict.
                if (Cancellations.conditionFailed(reasons, tx.idempotency)) {
                    throw new IdempotencyConflictException(idempotency(claim.key()).orElse(null));
                }
                if (Cancellations.conditionFailed(reasons, tx.externalIdClaim)) {
                    // Read after the cancellation: the holder may have let go since (then a retry succeeds).
                    String holder = externalIds.get(tx.claimedExternalId).map(ExternalRef::reportId).orElse(null);
                    throw new ExternalIdTakenException(tx.claimedExternalId, holder);
                }
                if (!Cancellations.conflict(reasons) || attempt >= CONFLICT_ATTEMPTS) {
                    throw Cancellations.failure("write report", e);
                }
                sleep(attempt);
            }
        }
    }

    /** True when exactly this revision is already stored: it can only have been written by us. */
    private boolean landed(StoredReport next) {
        return Items.get(db, table, Keys.report(next.id()), Keys.revision(next.revision()))
                .map(i -> i.get("doc").s().equals(ReportJson.write(next)))
                .orElse(false);
    }

    private static void sleep(int attempt) {
        try {
            Thread.sleep(10L * attempt + (long) (Math.random() * 20));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
