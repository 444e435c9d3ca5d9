package org.conflictledger.store;

import static org.conflictledger.store.Items.n;
import static org.conflictledger.store.Items.s;
import static org.conflictledger.store.LedgerTable.PK;
import static org.conflictledger.store.LedgerTable.SK;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.conflictledger.domain.Actor;
import org.conflictledger.domain.Change;
import org.conflictledger.domain.Place;
import org.conflictledger.domain.StoredReport;
import org.conflictledger.domain.json.ReportJson;
import org.conflictledger.domain.text.Normalize;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A report's items as DynamoDB attribute maps (docs/data-model.md, "Items"). */
final class ReportItems {

    private ReportItems() {
    }

    static StoredReport report(Map<String, AttributeValue> item) {
        return ReportJson.read(item.get("doc").s());
    }

    /** The head item of a report: the document plus the search index keys and filter attributes. */
    static Map<String, AttributeValue> head(StoredReport r, String doc) {
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

    /** The immutable revision. */
    static Map<String, AttributeValue> revision(StoredReport r, String doc) {
        return Map.of(PK, s(Keys.report(r.id())), SK, s(Keys.revision(r.revision())), "doc", s(doc));
    }

    /** The change-feed entry of a write. */
    static Map<String, AttributeValue> feed(StoredReport next, Change.Kind kind) {
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
        return feed;
    }

    /** The uniqueness item of a live report's externalId: who has it, at which revision, with which content. */
    static Map<String, AttributeValue> externalId(StoredReport r) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(PK, s(Keys.externalId(r.report().externalId())));
        item.put(SK, s(Keys.EXTERNAL_SK));
        item.put("rid", s(r.id()));
        item.put("rev", n(r.revision()));
        item.put("hash", s(ExternalIds.contentHash(r.report())));
        item.put("status", s(r.status().toString()));
        return item;
    }

    static ExternalRef externalRef(Map<String, AttributeValue> item) {
        String pk = item.get(PK).s();
        return new ExternalRef(pk.substring(Keys.externalId("").length()), item.get("rid").s(),
                Long.parseLong(item.get("rev").n()), item.get("hash").s(), item.get("status").s());
    }
}
