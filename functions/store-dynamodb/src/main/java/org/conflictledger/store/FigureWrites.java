package org.conflictledger.store;

import static org.conflictledger.store.Items.key;
import static org.conflictledger.store.Items.n;
import static org.conflictledger.store.Items.s;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.conflictledger.domain.Area;
import org.conflictledger.domain.figures.AreaDay;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import org.conflictledger.store.AggregationStore.DayData;
import org.conflictledger.store.AggregationStore.Parts;

/** Writes a country-day's figures: heads and parts, guarded by seq (docs/data-model.md, "Figures"). */
final class FigureWrites {

    private static final int MAX_TRANSACTION = 100;
    /** Bounds of one TransactWriteItems (DynamoDB: 100 items, 4 MB), with room for keys and names. */
    private static final int MAX_TRANSACTION_BYTES = 3_000_000;

    private final DynamoDbClient db;
    private final String table;

    FigureWrites(DynamoDbClient db, String table) {
        this.db = db;
        this.table = table;
    }

    /**
     * Stores a country-day's figures computed from {@code seq}; areas that had figures before and
     * have none now are deleted. Guarded by seq, so a slower run holding older data never
     * overwrites a newer result. False when a newer result was already stored.
     *
     * <p>Each area-day is a head item (numbers) plus parts keyed by seq (report ids, sources, the
     * finer areas' numbers), so no item outgrows DynamoDB's 400 KB (docs/data-model.md). Parts are
     * written before their head and the previous seq's parts deleted after it: a reader always
     * finds the parts of the head it read.
     */
    public boolean writeFigures(String country, LocalDate day, long seq, List<AreaDay> areaDays,
                                DayData before, Instant computedAt) {
        List<TransactWriteItem> items = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        Set<String> units = new LinkedHashSet<>();
        Map<String, AttributeValue> parts = new HashMap<>();
        for (AreaDay a : areaDays) {
            String unit = a.area().key();
            units.add(unit);
            List<AreaDay> finer = areaDays.stream().filter(f -> f.area().key().startsWith(unit + "/")).toList();
            FigureItems.Encoded e = FigureItems.encode(a, finer);
            String pk = Keys.figures(a.area());
            // One part of a kind (the usual day) lives in the head itself: no extra items to write.
            List<String> idParts = e.parts().size() == 1 ? List.of() : e.parts();
            List<String> unitParts = e.breakdown().size() == 1 ? List.of() : e.breakdown();
            for (int i = 0; i < idParts.size(); i++) {
                put(items, sizes, pk, Keys.figureChunk(day, seq, i), seq, "ids", idParts.get(i));
            }
            for (int i = 0; i < unitParts.size(); i++) {
                put(items, sizes, pk, Keys.breakdownChunk(day, seq, i), seq, "units", unitParts.get(i));
            }
            Map<String, AttributeValue> item = new HashMap<>();
            item.put(LedgerTable.PK, s(pk));
            item.put(LedgerTable.SK, s(day.toString()));
            item.put("seq", n(seq));
            item.put("at", s(computedAt.toString()));
            item.put("num", s(e.num()));
            item.put("parts", n(idParts.size()));
            item.put("bparts", n(unitParts.size()));
            int size = e.num().length() + 200;
            if (e.parts().size() == 1) {
                item.put("ids", s(e.parts().get(0)));
                size += e.parts().get(0).getBytes(StandardCharsets.UTF_8).length;
            }
            if (e.breakdown().size() == 1) {
                item.put("units", s(e.breakdown().get(0)));
                size += e.breakdown().get(0).getBytes(StandardCharsets.UTF_8).length;
            }
            items.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(seq) OR seq <= :seq")
                    .expressionAttributeValues(Map.of(":seq", n(seq))).build()).build());
            sizes.add(size);
            parts.put(unit, s(new Parts(idParts.size(), unitParts.size()).toString()));
        }
        for (String old : before.units()) {
            Area area = Area.fromKey(old);
            if (before.storedSeq() != seq) {
                // the previous result's parts; a result of the same seq has the same parts, just rewritten
                Parts p = before.parts().getOrDefault(old, new Parts(0, 0));
                for (int i = 0; i < p.ids(); i++) {
                    delete(items, sizes, Keys.figures(area), Keys.figureChunk(day, before.storedSeq(), i));
                }
                for (int i = 0; i < p.breakdown(); i++) {
                    delete(items, sizes, Keys.figures(area), Keys.breakdownChunk(day, before.storedSeq(), i));
                }
            }
            if (!units.contains(old)) {
                items.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                        .key(key(Keys.figures(area), day.toString()))
                        .conditionExpression("attribute_not_exists(seq) OR seq <= :seq")
                        .expressionAttributeValues(Map.of(":seq", n(seq))).build()).build());
                sizes.add(200);
            }
        }
        Update.Builder meta = Update.builder().tableName(table).key(key(Keys.day(country, day), Keys.META))
                .conditionExpression("attribute_not_exists(figSeq) OR figSeq <= :seq");
        if (units.isEmpty()) {
            meta.updateExpression("SET figSeq = :seq REMOVE units, parts").expressionAttributeValues(Map.of(":seq", n(seq)));
        } else {
            meta.updateExpression("SET figSeq = :seq, units = :u, parts = :p")
                    .expressionAttributeValues(Map.of(":seq", n(seq), ":u", AttributeValue.builder().ss(units).build(),
                            ":p", AttributeValue.builder().m(parts).build()));
        }
        items.add(TransactWriteItem.builder().update(meta.build()).build());
        sizes.add(200 + 40 * units.size());
        // Transactions are each guarded by seq; the day's sequence item goes last, with the final one.
        int from = 0;
        while (from < items.size()) {
            int to = from;
            long bytes = 0;
            while (to < items.size() && to - from < MAX_TRANSACTION
                    && (to == from || bytes + sizes.get(to) <= MAX_TRANSACTION_BYTES)) {
                bytes += sizes.get(to);
                to++;
            }
            if (!transact(items.subList(from, to))) {
                return false;
            }
            from = to;
        }
        return true;
    }

    private void put(List<TransactWriteItem> items, List<Integer> sizes, String pk, String sk, long seq,
                     String name, String value) {
        items.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(Map.of(
                LedgerTable.PK, s(pk), LedgerTable.SK, s(sk), "seq", n(seq), name, s(value))).build()).build());
        sizes.add(value.getBytes(StandardCharsets.UTF_8).length + 200);
    }

    private void delete(List<TransactWriteItem> items, List<Integer> sizes, String pk, String sk) {
        items.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(key(pk, sk)).build()).build());
        sizes.add(200);
    }

    private boolean transact(List<TransactWriteItem> chunk) {
        for (int attempt = 1; ; attempt++) {
            try {
                Dynamo.call("write figures", () -> db.transactWriteItems(
                        TransactWriteItemsRequest.builder().transactItems(chunk).build()));
                return true;
            } catch (TransactionCanceledException e) {
                boolean conflict = e.cancellationReasons().stream().anyMatch(r -> "TransactionConflict".equals(r.code()));
                if (!conflict) {
                    // Only a failed seq guard means "a newer result is stored"; anything else
                    // (a validation error, an item too large) must not pass for success.
                    boolean guard = e.cancellationReasons().stream().allMatch(r -> r.code() == null
                            || "None".equals(r.code()) || "ConditionalCheckFailed".equals(r.code()));
                    if (guard) {
                        return false;
                    }
                    throw new FiguresWriteException("figures write refused: " + e.cancellationReasons(), e);
                }
                if (attempt >= 4) {
                    throw new StorageUnavailableException("figures write kept conflicting", e);
                }
                try {
                    Thread.sleep(20L * attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new StorageUnavailableException("interrupted", e);
                }
            }
        }
    }
}
