package org.conflictledger.store;

import static org.conflictledger.store.StoreTable.s;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.conflictledger.domain.Actor;
import org.conflictledger.domain.Place;
import org.conflictledger.domain.Status;
import org.conflictledger.domain.StoredReport;
import org.conflictledger.domain.fixtures.SampleReports;
import org.conflictledger.domain.json.ReportJson;
import org.conflictledger.domain.text.Normalize;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Stored reports and their head items as docs/data-model.md lays them out ("report head", the
 * search indexes), written here rather than through the write path, so that the read side is held
 * to the documented layout on its own.
 */
final class Heads {

    private Heads() {
    }

    /** A report id: 26 characters, like the ULIDs the service makes, in order of {@code n}. */
    static String id(int n) {
        return String.format("01JDXK3Y6R%016d", n);
    }

    /** The example report of api.md in {@code country} over [start, end], changed by {@code edit}. */
    static StoredReport report(int n, String country, String start, String end, Consumer<ObjectNode> edit) {
        ObjectNode tree = SampleReports.validTree();
        ((ObjectNode) tree.get("period")).put("start", start).put("end", end);
        ((ObjectNode) tree.get("place")).put("country", country);
        edit.accept(tree);
        return new StoredReport(id(n), 1, Status.ACCEPTED, "user-1", SampleReports.NOW, SampleReports.NOW, null,
                SampleReports.toReport(tree));
    }

    static StoredReport report(int n, String country, String start, String end) {
        return report(n, country, start, end, tree -> { });
    }

    static StoredReport withStatus(StoredReport r, Status status) {
        return new StoredReport(r.id(), r.revision(), status, r.submittedBy(), r.receivedAt(), r.updatedAt(),
                r.statusNote(), r.report());
    }

    /** The head item: the document, the filter attributes and the keys of the three area indexes. */
    static Map<String, AttributeValue> head(StoredReport r) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("pk", s("R#" + r.id()));
        item.put("sk", s("HEAD"));
        item.put("doc", s(ReportJson.write(r)));
        item.put("rev", StoreTable.n(r.revision()));
        item.put("status", s(r.status().toString()));
        item.put("scope", s(r.report().scope().toString()));
        item.put("eventType", s(r.report().eventType().toString()));
        item.put("sourceKind", s(r.report().source().kind().toString()));
        item.put("pend", s(r.report().period().end().toString()));
        TreeSet<String> actors = new TreeSet<>();
        for (Actor a : r.report().actorsOrEmpty()) {
            actors.add(Normalize.name(a.name()));
        }
        if (!actors.isEmpty()) {
            item.put("actors", AttributeValue.builder().ss(actors).build());
        }
        Place p = r.report().place();
        String span = r.report().period().days() == 1 ? "D" : "S";
        item.put("gsk", s(gsk(r)));
        item.put("g0pk", s(p.country() + "#" + span));
        if (p.admin1() != null) {
            item.put("g1pk", s(p.admin1() + "#" + span));
        }
        if (p.admin2() != null) {
            item.put("g2pk", s(p.admin2() + "#" + span));
        }
        return item;
    }

    /** The search indexes' sort key: period start, then id. */
    static String gsk(StoredReport r) {
        return r.report().period().start() + "#" + r.id();
    }
}
