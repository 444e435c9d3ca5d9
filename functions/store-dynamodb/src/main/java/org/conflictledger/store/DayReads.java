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
import java.util.Optional;
import java.util.Set;
import org.conflictledger.domain.StoredReport;
import org.conflictledger.domain.json.ReportJson;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import org.conflictledger.store.AggregationStore.DayData;
import org.conflictledger.store.AggregationStore.Parts;

/** A country-day's incidents and sequence item, as the aggregation reads them (docs/data-model.md). */
final class DayReads {

    private final DynamoDbClient db;
    private final String table;

    DayReads(DynamoDbClient db, String table) {
        this.db = db;
        this.table = table;
    }

    public DayData day(String country, LocalDate day) {
        long seq = 0;
        long storedSeq = 0;
        String lastWrite = null;
        String lastMember = null;
        boolean lastPresent = false;
        Map<String, String> memberWrites = new HashMap<>();
        Set<String> units = new LinkedHashSet<>();
        Map<String, Parts> parts = new HashMap<>();
        List<StoredReport> reports = new ArrayList<>();
        for (Map<String, AttributeValue> i : Queries.all(db, QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s(Keys.day(country, day))))
                .consistentRead(true))) {
            if (Keys.META.equals(i.get("sk").s())) {
                seq = Long.parseLong(i.get("seq").n());
                if (i.containsKey("figSeq")) {
                    storedSeq = Long.parseLong(i.get("figSeq").n());
                }
                if (i.containsKey("units")) {
                    units.addAll(i.get("units").ss());
                }
                if (i.containsKey("parts")) {
                    i.get("parts").m().forEach((u, v) -> parts.put(u, Parts.parse(v.s())));
                }
                if (i.containsKey("w")) {
                    lastWrite = i.get("w").s();
                    lastMember = i.containsKey("wr") ? i.get("wr").s() : null;
                    lastPresent = i.containsKey("wp") && Boolean.TRUE.equals(i.get("wp").bool());
                }
            } else {
                StoredReport r = ReportJson.read(i.get("doc").s());
                reports.add(r);
                memberWrites.put(r.id(), i.containsKey("w") ? i.get("w").s() : "");
            }
        }
        boolean complete = lastMember == null
                || (lastPresent ? lastWrite.equals(memberWrites.get(lastMember)) : !memberWrites.containsKey(lastMember));
        return new DayData(seq, units, storedSeq, reports, lastWrite, complete, parts);
    }

    /** The id of the last write of a country-day, if it ever had an incident (its sequence item exists). */
    public Optional<String> lastWrite(String country, LocalDate day) {
        var r = Dynamo.call("get day", () -> db.getItem(b -> b.tableName(table)
                .key(key(Keys.day(country, day), Keys.META)).consistentRead(true)));
        return r.hasItem() && r.item().containsKey("w") ? Optional.of(r.item().get("w").s())
                : Optional.empty();
    }
}
