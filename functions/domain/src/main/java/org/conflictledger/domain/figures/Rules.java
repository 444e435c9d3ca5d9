package org.conflictledger.domain.figures;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.conflictledger.domain.Area;
import org.conflictledger.domain.Figure;
import org.conflictledger.domain.Place;
import org.conflictledger.domain.Qualifier;
import org.conflictledger.domain.Report;
import org.conflictledger.domain.Scope;
import org.conflictledger.domain.Source;
import org.conflictledger.domain.StoredReport;
import org.conflictledger.domain.text.Normalize;

/** Definitions shared by the reconcilers (docs/figures.md, "Terms"). */
final class Rules {

    static final String INCIDENTS = "incidents";
    static final String PERIOD_TOTAL = "period_total";
    static final String GROUPS = "groups";
    static final String STOCK = "stock";

    /**
     * "Later" between reports of one source (docs/figures.md, words): the later publishedAt, then
     * the later updatedAt (server time of the revision), then the larger id. Revision numbers of
     * different reports are unrelated counters, so they never decide.
     */
    static final Comparator<StoredReport> LATEST = Comparator
            .comparing((StoredReport r) -> publishedAt(r), Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(StoredReport::updatedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(StoredReport::id, Comparator.nullsFirst(Comparator.naturalOrder()));

    private Rules() {
    }

    private static Instant publishedAt(StoredReport r) {
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

    /** The term a figure contributes to a minimum: its source's own low when it gives one (§1.3). */
    static long lowTerm(Figure f) {
        return f.low() == null ? f.value() : Math.min(f.low(), f.value());
    }

    /** The term a figure contributes to a maximum: its source's own high when it gives one (§1.3). */
    static long highTerm(Figure f) {
        return f.high() == null ? f.value() : Math.max(f.high(), f.value());
    }

    /**
     * Across sources (§1.3, §4.2): minimum of the low terms, lower median of the values, maximum of
     * the high terms; the low is a floor when every source whose low term equals it qualified its
     * figure at_least (§6).
     */
    record Spread(long low, long best, long high, boolean atLeast) {
    }

    static Spread acrossSources(List<Figure> figures) {
        List<Long> values = new ArrayList<>(figures.size());
        long low = Long.MAX_VALUE;
        long high = Long.MIN_VALUE;
        for (Figure f : figures) {
            values.add(f.value());
            low = Math.min(low, lowTerm(f));
            high = Math.max(high, highTerm(f));
        }
        boolean atLeast = true;
        for (Figure f : figures) {
            if (lowTerm(f) == low && f.qualifier() != Qualifier.AT_LEAST) {
                atLeast = false;
            }
        }
        return new Spread(low, LowerMedian.lowerMedian(values), high, atLeast);
    }

    /** Union-find: joins the sets of i and j; the smaller index is the root, whatever the order of unions. */
    static void union(int[] parent, int i, int j) {
        int a = root(parent, i);
        int b = root(parent, j);
        parent[Math.max(a, b)] = Math.min(a, b);
    }

    /** Union-find: the root of i's set (with path halving). */
    static int root(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
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
