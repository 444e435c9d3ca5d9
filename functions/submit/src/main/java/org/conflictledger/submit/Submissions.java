package org.conflictledger.submit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.f4b6a3.ulid.UlidCreator;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.UnaryOperator;
import org.conflictledger.domain.Change;
import org.conflictledger.domain.Principal;
import org.conflictledger.domain.Report;
import org.conflictledger.domain.Role;
import org.conflictledger.domain.Status;
import org.conflictledger.domain.StoredReport;
import org.conflictledger.domain.json.Json;
import org.conflictledger.domain.json.ReportReader;
import org.conflictledger.store.ExternalIdTakenException;
import org.conflictledger.domain.validation.FieldError;
import org.conflictledger.domain.validation.InvalidInputException;
import org.conflictledger.domain.validation.ReportValidator;
import org.conflictledger.http.ApiException;
import org.conflictledger.http.Problem;
import org.conflictledger.http.Problems;
import org.conflictledger.store.IdempotencyConflictException;
import org.conflictledger.store.IdempotencyRecord;
import org.conflictledger.store.Keys;
import org.conflictledger.store.ReportStore;
import org.conflictledger.store.StaleRevisionException;
import org.conflictledger.store.StorageRejectedException;
import org.conflictledger.store.StorageUnavailableException;
import org.jboss.logging.Logger;

/**
 * The submit side's rules: who may write what, idempotency, revisions. Plain Java over
 * {@link ReportStore}; the JAX-RS resource only translates HTTP.
 */
@Singleton
public final class Submissions {

    public static final int MAX_REPORT_BYTES = 64 * 1024;
    public static final int MAX_BATCH = 100;
    /** A batch of 100 maximal reports stays under Lambda's 6 MB synchronous payload limit. */
    public static final int MAX_BATCH_BYTES = 6_000_000;
    static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(24);

    /** What a write produced; {@code replayed} when an idempotent repeat returned the first result. */
    public record Outcome(int status, StoredReport report, boolean replayed) {
    }

    public record BatchOutcome(String resultsJson, boolean replayed, int accepted, int rejected) {
    }

    private static final Logger LOG = Logger.getLogger(Submissions.class);

    private final ReportStore store;
    private final ReportReader reader;
    private final Clock clock;

    @Inject
    public Submissions(ReportStore store, Clock clock) {
        this(store, new ReportReader(new ReportValidator(clock)), clock);
    }

    public Submissions(ReportStore store, ReportReader reader, Clock clock) {
        this.store = store;
        this.reader = reader;
        this.clock = clock;
    }

    public Outcome create(Principal who, byte[] body, String idempotencyKey) {
        requireWriter(who);
        if (body != null && body.length > MAX_REPORT_BYTES) {
            throw ApiException.tooLarge("a report body may be at most " + MAX_REPORT_BYTES + " bytes");
        }
        Report report = reader.read(body);
        String bodyHash = Keys.sha256(body);
        String key = idempotencyKey != null
                ? Keys.idempotency("create", who.subject(), idempotencyKey)
                : Keys.idempotency("create-body", who.subject(), bodyHash);
        return createOne(who, report, key, bodyHash);
    }

    private Outcome createOne(Principal who, Report report, String key, String bodyHash) {
        Instant now = now();
        StoredReport stored = new StoredReport(UlidCreator.getMonotonicUlid().toString(), 1, Status.RECEIVED,
                who.subject(), now, now, null, report);
        try {
            store.create(stored, claim(key, bodyHash, stored, now));
            return new Outcome(201, stored, false);
        } catch (IdempotencyConflictException e) {
            return replay(e.existing(), bodyHash, 201);
        }
    }

    /** The first response again, or 422 when the key was used for another body. */
    private Outcome replay(IdempotencyRecord first, String bodyHash, int status) {
        if (first == null) {
            // Expired between our write and our read: the client may simply retry.
            throw new ApiException(Problem.of(409, "conflict", "Conflict", "a concurrent request used this key; retry"));
        }
        if (!first.bodyHash().equals(bodyHash)) {
            throw ApiException.idempotencyKeyReused();
        }
        StoredReport original = store.revision(first.reportId(), first.revision())
                .orElseThrow(() -> new IllegalStateException("idempotency record points to a missing revision"));
        return new Outcome(status, original, true);
    }

    public BatchOutcome batch(Principal who, byte[] body, String idempotencyKey) {
        requireWriter(who);
        if (body != null && body.length > MAX_BATCH_BYTES) {
            throw ApiException.tooLarge("a batch body may be at most " + MAX_BATCH_BYTES + " bytes");
        }
        JsonNode root = reader.tree(body);
        if (!root.isObject()) {
            throw new InvalidInputException("body", "must be a JSON object with a 'reports' array");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!f.equals("reports")) {
                throw new InvalidInputException(f, "unknown field '" + f + "'");
            }
        }
        JsonNode reports = root.get("reports");
        if (reports == null || !reports.isArray()) {
            throw new InvalidInputException("reports", "is required and must be an array");
        }
        if (reports.size() > MAX_BATCH) {
            throw ApiException.tooLarge("a batch holds at most " + MAX_BATCH + " reports; this one has " + reports.size());
        }
        String bodyHash = Keys.sha256(body);
        String batchKey = idempotencyKey != null
                ? Keys.idempotency("batch", who.subject(), idempotencyKey)
                : Keys.idempotency("batch-body", who.subject(), bodyHash);
        var previous = store.idempotency(batchKey);
        if (previous.isPresent()) {
            if (!previous.get().bodyHash().equals(bodyHash)) {
                throw ApiException.idempotencyKeyReused();
            }
            return new BatchOutcome(previous.get().results(), true, 0, 0);
        }
        List<BatchResults.Item> items = new ArrayList<>();
        int accepted = 0;
        try {
            for (int i = 0; i < reports.size(); i++) {
                BatchResults.Item item = batchItem(who, reports.get(i), i, batchKey);
                accepted += item.status() == 201 ? 1 : 0;
                items.add(item);
            }
        } catch (StorageUnavailableException | StorageRejectedException e) {
            throw accepted == 0 ? e : partlyStored(e, items);
        }
        String json = BatchResults.json(items);
        if (accepted == 0) {
            // Nothing was stored, so there is nothing a retry could duplicate: record nothing either.
            return new BatchOutcome(json, false, 0, reports.size());
        }
        Instant now = now();
        try {
            store.putIdempotency(new IdempotencyRecord(batchKey, bodyHash, null, 0, json,
                    now.plus(IDEMPOTENCY_WINDOW).getEpochSecond()));
        } catch (StorageUnavailableException | StorageRejectedException e) {
            // The reports are stored and each has its own record, so a retry of this batch still
            // stores nothing twice: answer what happened rather than a 503 that says nothing was.
            LOG.warnf(e, "batch stored %d report(s) but not its idempotency record", accepted);
        }
        return new BatchOutcome(json, false, accepted, reports.size() - accepted);
    }

    /**
     * Storage failed after some of the batch's reports were stored: say so (issue 12, item 7). A
     * retry of the same batch with the same key (or body) finds them through their own records.
     */
    private static ApiException partlyStored(RuntimeException e, List<BatchResults.Item> done) {
        List<String> ids = done.stream().filter(i -> i.status() == 201).map(i -> i.index() + ": " + i.id()).toList();
        boolean retryable = e instanceof StorageUnavailableException;
        String detail = "storage " + (retryable ? "is throttled or unavailable" : "refused a write") + " after "
                + ids.size() + " of the batch's reports were stored (index: id " + String.join(", ", ids) + "); "
                + (retryable ? "retry the whole batch with the same Idempotency-Key after the delay given: the stored"
                        + " reports are not stored twice"
                        : "the reports after them were not stored, and retrying will not change that");
        ApiException a = new ApiException(retryable
                ? Problem.of(503, "storage-unavailable", "Service unavailable", detail)
                : Problem.of(500, "storage-rejected", "Storage refused the request", detail));
        a.initCause(e);
        return a;
    }

    private BatchResults.Item batchItem(Principal who, JsonNode node, int index, String batchKey) {
        byte[] bytes = node.toString().getBytes(StandardCharsets.UTF_8);
        try {
            if (bytes.length > MAX_REPORT_BYTES) {
                throw ApiException.tooLarge("a report may be at most " + MAX_REPORT_BYTES + " bytes");
            }
            Report report = reader.read(node, "");
            // Each item has its own record, so a retried batch finds the items it already stored.
            Outcome o = createOne(who, report, Keys.idempotency("batch-item", batchKey, Integer.toString(index)),
                    Keys.sha256(bytes));
            return new BatchResults.Item(index, 201, o.report().id(), List.of());
        } catch (InvalidInputException e) {
            return new BatchResults.Item(index, 400, null, e.errors());
        } catch (ExternalIdTakenException e) {
            // Within the batch too: an earlier item stored with this externalId holds it now.
            Problem p = Problems.of(e);
            return new BatchResults.Item(index, p.status(), null, List.of(new FieldError("externalId", p.detail())),
                    p.existingId());
        } catch (ApiException e) {
            // Storage trouble is not caught here: the whole batch answers 503 and may be retried as is.
            return new BatchResults.Item(index, e.problem().status(), null,
                    List.of(new FieldError("", e.problem().detail())));
        }
    }

    public Outcome correct(Principal who, String id, String ifMatch, byte[] body, String idempotencyKey) {
        requireWriter(who);
        int expected = revisionFrom(ifMatch, true);
        if (body != null && body.length > MAX_REPORT_BYTES) {
            throw ApiException.tooLarge("a report body may be at most " + MAX_REPORT_BYTES + " bytes");
        }
        Report report = reader.read(body);
        return change(who, id, expected, Change.Kind.CORRECTED, idempotencyKey, Keys.sha256(body),
                head -> head.next(Status.RECEIVED, report, now(), null));
    }

    public Outcome retract(Principal who, String id, String ifMatch, byte[] body, String idempotencyKey) {
        requireWriter(who);
        int expected = revisionFrom(ifMatch, false);
        Reason reason = parse(body, Reason.class);
        text("reason", reason.reason(), true);
        return change(who, id, expected, Change.Kind.RETRACTED, idempotencyKey, Keys.sha256(body),
                head -> head.next(Status.RETRACTED, head.report(), now(), reason.reason()));
    }

    public Outcome review(Principal who, String id, String ifMatch, byte[] body, String idempotencyKey) {
        if (who.isPublic()) {
            throw ApiException.unauthorized();
        }
        if (!who.has(Role.EDITOR)) {
            throw ApiException.forbidden("only editors review reports");
        }
        int expected = revisionFrom(ifMatch, false);
        Review review = parse(body, Review.class);
        if (review.status() == null) {
            throw new InvalidInputException("status", "is required: accepted, disputed or rejected");
        }
        if (review.status() != Status.ACCEPTED && review.status() != Status.DISPUTED
                && review.status() != Status.REJECTED) {
            throw new InvalidInputException("status", "must be one of: accepted, disputed, rejected");
        }
        text("note", review.note(), false);
        return change(who, id, expected, Change.Kind.REVIEWED, idempotencyKey, Keys.sha256(body),
                head -> head.next(review.status(), head.report(), now(), review.note()));
    }

    record Reason(String reason) {
    }

    record Review(Status status, String note) {
    }

    private Outcome change(Principal who, String id, int expectedRevision, Change.Kind kind, String idempotencyKey,
                           String bodyHash, UnaryOperator<StoredReport> next) {
        String key = idempotencyKey == null ? null
                : Keys.idempotency(kind.toString(), who.subject(), id, idempotencyKey);
        if (key != null) {
            var first = store.idempotency(key);
            if (first.isPresent()) {
                return replay(first.get(), bodyHash, 200);
            }
        }
        StoredReport head = store.get(id).orElseThrow(() -> ApiException.notFound("no report with id " + id));
        if (kind != Change.Kind.REVIEWED && !who.has(Role.EDITOR) && !who.subject().equals(head.submittedBy())) {
            throw ApiException.forbidden("reporters may change only their own reports");
        }
        if (head.status() == Status.RETRACTED) {
            throw ApiException.conflict("the report is retracted; it cannot change any more");
        }
        if (head.status() == Status.REJECTED && kind != Change.Kind.REVIEWED && !who.has(Role.EDITOR)) {
            // An editor's rejection stands until an editor changes it: a correction would reset the
            // status to received (back in the figures), a retraction would bury the verdict and free
            // the externalId. See docs/reliability.md, "Issue 12 hardening".
            throw ApiException.conflict("an editor rejected this report (revision " + head.revision()
                    + "); only an editor can correct, retract or review it now");
        }
        if (expectedRevision > 0 && expectedRevision != head.revision()) {
            throw ApiException.preconditionFailed("If-Match names revision " + expectedRevision
                    + " but the report is at revision " + head.revision());
        }
        StoredReport updated = next.apply(head);
        try {
            store.replace(head, updated, kind, key == null ? null : claim(key, bodyHash, updated, updated.updatedAt()));
            return new Outcome(200, updated, false);
        } catch (StaleRevisionException e) {
            throw ApiException.preconditionFailed("another change was stored first; fetch the report and retry");
        } catch (IdempotencyConflictException e) {
            return replay(e.existing(), bodyHash, 200);
        }
    }

    /** Milliseconds are enough for a record's times and keep them readable. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static IdempotencyRecord claim(String key, String bodyHash, StoredReport r, Instant now) {
        return new IdempotencyRecord(key, bodyHash, r.id(), r.revision(), null,
                now.plus(IDEMPOTENCY_WINDOW).getEpochSecond());
    }

    private static void requireWriter(Principal who) {
        if (who.isPublic()) {
            throw ApiException.unauthorized();
        }
        if (!who.has(Role.REPORTER) && !who.has(Role.EDITOR)) {
            throw ApiException.forbidden("only reporters and editors submit or change reports");
        }
    }

    /** {@code "3"}, {@code 3} or {@code W/"3"}; required for corrections (428 without it). */
    static int revisionFrom(String ifMatch, boolean required) {
        if (ifMatch == null || ifMatch.isBlank()) {
            if (required) {
                throw ApiException.preconditionRequired("send If-Match: \"<revision>\" with the revision you corrected");
            }
            return 0;
        }
        String v = ifMatch.trim();
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            v = v.substring(1, v.length() - 1);
        }
        try {
            // ASCII digits only: Integer.parseInt would also take "+1" and non-ASCII digits such as "１".
            if (!v.matches("[0-9]{1,9}")) {
                throw new NumberFormatException(v);
            }
            int rev = Integer.parseInt(v);
            if (rev < 1) {
                throw new NumberFormatException();
            }
            return rev;
        } catch (NumberFormatException e) {
            throw new InvalidInputException("If-Match", "must name a revision, such as \"3\"");
        }
    }

    private <T> T parse(byte[] body, Class<T> type) {
        if (body != null && body.length > MAX_REPORT_BYTES) {
            throw ApiException.tooLarge("the body may be at most " + MAX_REPORT_BYTES + " bytes");
        }
        JsonNode node = reader.tree(body);
        if (!node.isObject()) {
            throw new InvalidInputException("body", "must be a JSON object");
        }
        try {
            return Json.mapper().treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("the body does not have the expected shape",
                    List.of(ReportReader.fieldError(e, "")));
        }
    }

    private static void text(String field, String value, boolean required) {
        if (value == null) {
            if (required) {
                throw new InvalidInputException(field, "is required");
            }
            return;
        }
        if (required && value.isBlank()) {
            throw new InvalidInputException(field, "must not be blank");
        }
        if (value.codePointCount(0, value.length()) > 1000) {
            throw new InvalidInputException(field, "must be at most 1000 characters");
        }
        if (value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            throw new InvalidInputException(field, "must not contain control characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                // Not Unicode text; storage could not even encode it.
                throw new InvalidInputException(field, "contains an unpaired surrogate (not valid Unicode text)");
            }
        }
    }
}
