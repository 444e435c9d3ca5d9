package org.conflictledger.store;

import static org.conflictledger.store.Items.key;
import static org.conflictledger.store.Items.n;
import static org.conflictledger.store.Items.s;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.conflictledger.domain.Change;
import org.conflictledger.domain.Scope;
import org.conflictledger.domain.Status;
import org.conflictledger.domain.StoredReport;
import org.conflictledger.domain.json.ReportJson;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The elements of ONE TransactWriteItems for one change of a report (docs/data-model.md): the
 * head, the immutable revision, the change-feed entry, the idempotency claim, the externalId's
 * uniqueness item, the incident-day index and the aggregation markers it touches, and the
 * non-incident index. No crash point can leave a report that the feed or the aggregation never
 * sees. It remembers where its conditional elements are, so that a cancellation can be read.
 */
final class ReportTransaction {

    final List<TransactWriteItem> items = new ArrayList<>();
    /** Positions of the conditional elements; -1 when the transaction has no such element. */
    final int head;
    final int idempotency;
    final int externalIdClaim;
    /** The externalId this write claims (a create, or a correction that changes it), or null. */
    final String claimedExternalId;

    private final String table;

    ReportTransaction(String table, StoredReport prev, StoredReport next, Change.Kind kind, Put idempotencyClaim,
                      String writeId) {
        this.table = table;
        // The revision's JSON goes into head, revision and index items: serialised once.
        String doc = ReportJson.write(next);
        // The head, guarded so that exactly one writer moves a revision on.
        Put.Builder headPut = Put.builder().tableName(table).item(ReportItems.head(next, doc));
        if (prev == null) {
            headPut.conditionExpression("attribute_not_exists(pk)");
        } else {
            headPut.conditionExpression("rev = :prev").expressionAttributeValues(Map.of(":prev", n(prev.revision())));
        }
        head = add(TransactWriteItem.builder().put(headPut.build()).build());
        add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                .item(ReportItems.revision(next, doc))
                .conditionExpression("attribute_not_exists(pk)")
                .build()).build());
        add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(ReportItems.feed(next, kind)).build()).build());
        idempotency = idempotencyClaim == null ? -1 : add(TransactWriteItem.builder().put(idempotencyClaim).build());
        String oldId = liveExternalId(prev);
        String newId = liveExternalId(next);
        claimedExternalId = newId != null && !newId.equals(oldId) ? newId : null;
        externalIdClaim = externalIds(prev, next, oldId, newId);
        incidentDays(prev, next, doc, writeId);
        nonIncidents(prev, next, doc);
    }

    private int add(TransactWriteItem item) {
        items.add(item);
        return items.size() - 1;
    }

    /** A live report holds its externalId; a retracted one has released it (docs/api.md). */
    private static String liveExternalId(StoredReport r) {
        return r == null || r.status() == Status.RETRACTED ? null : r.report().externalId();
    }

    /**
     * The uniqueness item follows the report: claimed on create (only if nobody has it), kept up
     * to date while it stays (revision, status and content hash, for imports), moved when a
     * correction changes it, deleted on retraction. Changing or deleting an item is guarded by its
     * report id, so a write never takes over or frees an id another report holds.
     * Returns the position of the claim, or -1.
     */
    private int externalIds(StoredReport prev, StoredReport next, String oldId, String newId) {
        if (oldId != null && !oldId.equals(newId)) {
            add(TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                    .key(key(Keys.externalId(oldId), Keys.EXTERNAL_SK))
                    .conditionExpression("attribute_not_exists(pk) OR rid = :rid")
                    .expressionAttributeValues(Map.of(":rid", s(prev.id())))
                    .build()).build());
        }
        if (newId == null) {
            return -1;
        }
        Put.Builder put = Put.builder().tableName(table).item(ReportItems.externalId(next));
        if (Objects.equals(oldId, newId)) {
            put.conditionExpression("attribute_not_exists(pk) OR rid = :rid")
                    .expressionAttributeValues(Map.of(":rid", s(next.id())));
        } else {
            put.conditionExpression("attribute_not_exists(pk)");
        }
        int at = add(TransactWriteItem.builder().put(put.build()).build());
        return Objects.equals(oldId, newId) ? -1 : at;
    }

    /** The incident-day index and its markers: the aggregation's only inputs. */
    private void incidentDays(StoredReport prev, StoredReport next, String doc, String writeId) {
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
            add(TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                    .key(key(oldDay, Keys.dayMember(prev.id()))).build()).build());
        }
        if (newDay != null) {
            if (next.counts()) {
                add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                        .item(Map.of(LedgerTable.PK, s(newDay), LedgerTable.SK, s(Keys.dayMember(next.id())),
                                "doc", s(doc), "w", s(writeId)))
                        .build()).build());
            } else if (newDay.equals(oldDay)) {
                add(TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                        .key(key(newDay, Keys.dayMember(next.id()))).build()).build());
            }
        }
        for (StoredReport r : touched) {
            String country = r.report().place().country();
            LocalDate day = r.report().period().start();
            // The sequence item names this write and the member state it leaves, so that a run
            // reading the day while this transaction is only partly visible can tell (see DayData).
            boolean present = Keys.day(country, day).equals(newDay) && next.counts();
            add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                    .key(key(Keys.day(country, day), Keys.META))
                    .updateExpression("ADD seq :one SET w = :w, wr = :rid, wp = :present")
                    .expressionAttributeValues(Map.of(":one", n(1), ":w", s(writeId), ":rid", s(next.id()),
                            ":present", AttributeValue.builder().bool(present).build()))
                    .build()).build());
            add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                    .key(key(Keys.MARKERS, Keys.marker(country, day)))
                    .updateExpression("SET tok = :w, country = :c, d = :d, since = if_not_exists(since, :now)"
                            + " ADD pending :one")
                    .expressionAttributeValues(Map.of(":w", s(writeId), ":one", n(1), ":c", s(country),
                            ":d", s(day.toString()), ":now", s(next.updatedAt().toString())))
                    .build()).build());
        }
    }

    /** Period totals, stocks and territory changes, which the figures route reads per country. */
    private void nonIncidents(StoredReport prev, StoredReport next, String doc) {
        Map<String, AttributeValue> oldKey = isIncident(prev) || prev == null ? null
                : key(Keys.nonIncidents(prev.report().place().country()), Keys.nonIncidentSort(prev));
        Map<String, AttributeValue> newKey = isIncident(next) || !next.counts() ? null
                : key(Keys.nonIncidents(next.report().place().country()), Keys.nonIncidentSort(next));
        if (oldKey != null && !oldKey.equals(newKey)) {
            add(TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(oldKey).build()).build());
        }
        if (newKey != null) {
            Map<String, AttributeValue> item = new HashMap<>(newKey);
            item.put("doc", s(doc));
            add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(item).build()).build());
        }
    }

    private static boolean isIncident(StoredReport r) {
        return r != null && r.report().scope() == Scope.INCIDENT;
    }
}
