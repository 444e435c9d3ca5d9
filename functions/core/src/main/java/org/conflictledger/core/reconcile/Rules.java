package org.conflictledger.core.reconcile;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.conflictledger.core.domain.Area;
import org.conflictledger.core.domain.Place;
import org.conflictledger.core.domain.Report;
import org.conflictledger.core.domain.Scope;
import org.conflictledger.core.domain.Source;
import org.conflictledger.core.domain.StoredReport;
import org.conflictledger.core.text.Normalize;

/** Definitions shared by the reconcilers (reconciliation.md, Words). */
final class Rules {

    static final String INCIDENTS = "incidents";
    static final String PERIOD_TOTAL = "period_total";
    static final String GROUPS = "groups";
    static final String STOCK = "stock";

    /**
     * "Latest" between reports of one source: later publishedAt, then later revision (the rule's
     * tie-break), then higher id — revisions of different reports are unrelated counters, so
     * without the id the choice would depend on input order.
     */
    static final Comparator<StoredReport> LATEST = Comparator
            .comparing((StoredReport r) -> publishedAt(r), Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparingInt(StoredReport::revision)
            .thenComparing(StoredReport::id, Comparator.nullsFirst(Comparator.naturalOrder()));

    private Rules() {
    }

    private static java.time.Instant publishedAt(StoredReport r) {
        Source s = r.report().source();
        return s == null ? null : s.publishedAt();
    }

    /** kind + "|" + normalised name: the same source however its name is spelt or accented. */
    static String sourceId(Source s) {
        if (s == null) {
            return "|";
        }
        return (s.kind() == null ? "" : s.kind().toString()) + "|" + Normalize.name(s.name());
    }

    static String sourceId(StoredReport r) {
        return sourceId(r.report().source());
    }

    /**
     * Keeps the highest revision of each id. The callers are asked for latest revisions only;
     * this makes a stale or repeated revision in the input harmless. Equal (id, revision) pairs
     * are one revision: revisions are immutable.
     */
    static List<StoredReport> latestRevisions(List<StoredReport> reports) {
        Map<String, StoredReport> byId = new TreeMap<>();
        if (reports == null) {
            return List.of();
        }
        for (StoredReport r : reports) {
            if (r == null || r.id() == null || r.report() == null) {
                continue;
            }
            byId.merge(r.id(), r, (a, b) -> b.revision() > a.revision() ? b : a);
        }
        return new ArrayList<>(byId.values());
    }

    /** The place lies inside A; a place coarser than A does not (Place.unit drops a dangling admin2). */
    static boolean inside(Area area, Place place) {
        return place != null && place.country() != null && area.contains(place.unit());
    }

    /** The report counts in (A, W), for the given scope (latest revision assumed). */
    static boolean countsIn(StoredReport r, Scope scope, Area area, LocalDate from, LocalDate to) {
        Report rep = r.report();
        return r.counts() && rep.scope() == scope && rep.period() != null
                && rep.period().start() != null && rep.period().end() != null
                && rep.period().within(from, to) && inside(area, rep.place());
    }

    /**
     * The low of max(a, b) comes from an at-least value when the larger low does; on a tie
     * either side's at-least value qualifies.
     */
    static boolean atLeastOfMax(long lowA, boolean atLeastA, long lowB, boolean atLeastB) {
        if (lowA > lowB) {
            return atLeastA;
        }
        if (lowB > lowA) {
            return atLeastB;
        }
        return atLeastA || atLeastB;
    }
}
