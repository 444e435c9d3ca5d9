package org.conflictledger.domain.figures;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.conflictledger.domain.Area;
import org.conflictledger.domain.Figure;
import org.conflictledger.domain.Qualifier;
import org.conflictledger.domain.StoredReport;

/**
 * Period totals of one (metric, group) in an area and window (docs/figures.md, period totals,
 * rules v2): per source, supersession by containment, clusters of overlapping coverages, one
 * representative per cluster by gain, and the source's estimate {@code I + Σ max(0, rep − I(C))};
 * then minimum, lower median and maximum across sources. Pure: the incident sums come from
 * {@link Incidents}.
 *
 * <p>Cost, for n counting totals of which m_s belong to source s: supersession and clustering
 * compare the totals of one source pairwise, O(Σ m_s²) ≤ O(n²) coverage comparisons; each
 * representative needs one incident sum. See docs/figures.md, cost.
 */
final class PeriodTotals {

    private PeriodTotals() {
    }

    /** Sums of incident figures (low, best, high) and whether the low of the sum is a floor. */
    record Sum(long low, long best, long high, boolean atLeast) {
        static final Sum ZERO = new Sum(0, 0, 0, false);

        static Sum of(Tally t) {
            return t == null ? ZERO : new Sum(t.low(), t.best(), t.high(), t.atLeast());
        }

        long get(int x) {
            return x == 0 ? low : x == 1 ? best : high;
        }
    }

    /** I(C): the incident sums inside a coverage (incident place inside {@code unit}, day inside the period). */
    @FunctionalInterface
    interface Incidents {
        Sum inside(Area unit, LocalDate start, LocalDate end);
    }

    /** One period-total report's figure for the key, with its coverage (unit, first and last epoch day). */
    record Total(StoredReport report, Figure figure, Area unit, long start, long end) {

        Total(StoredReport report, Figure figure) {
            this(report, figure, report.report().place().unit(), report.report().period().start().toEpochDay(),
                    report.report().period().end().toEpochDay());
        }

        /** v_low, v_best, v_high: the source's own range, or its value for all three (§1.3). */
        long v(int x) {
            return x == 0 ? Rules.lowTerm(figure) : x == 1 ? figure.value() : Rules.highTerm(figure);
        }

        boolean atLeast() {
            return figure.qualifier() == Qualifier.AT_LEAST;
        }

        /** This coverage contains {@code o}'s: unit contains unit, period contains period. */
        boolean contains(Total o) {
            return start <= o.start && o.end <= end && unit.contains(o.unit);
        }

        boolean sameCoverage(Total o) {
            return start == o.start && end == o.end && unit.equals(o.unit);
        }

        /** One unit contains the other and the periods share a day. */
        boolean overlaps(Total o) {
            return start <= o.end && o.start <= end && (unit.contains(o.unit) || o.unit.contains(unit));
        }

        Sum incidents(Incidents in) {
            return in.inside(unit, LocalDate.ofEpochDay(start), LocalDate.ofEpochDay(end));
        }
    }

    /** One source's estimate (§2.4) and the representatives it was made of. */
    record Estimate(String source, long low, long best, long high, boolean atLeast, List<Total> representatives) {

        long get(int x) {
            return x == 0 ? low : x == 1 ? best : high;
        }
    }

    /** §2.5: across the sources' estimates. {@code reports}: every source's representatives. */
    record Result(long low, long best, long high, boolean atLeast, SortedSet<String> reports,
                  SortedSet<String> sources, List<Estimate> estimates) {
    }

    /** §2.1–§2.5 for the totals that count in (A, W) and give the key; {@code sigma} is I of (A, W). */
    static Result combine(Sum sigma, List<Total> totals, Incidents incidents) {
        Map<String, List<Total>> bySource = new TreeMap<>();
        for (Total t : totals) {
            bySource.computeIfAbsent(Rules.sourceId(t.report()), s -> new ArrayList<>()).add(t);
        }
        List<Estimate> estimates = new ArrayList<>();
        bySource.forEach((source, own) -> estimates.add(estimate(source, sigma, own, incidents)));
        long low = Long.MAX_VALUE;
        long high = Long.MIN_VALUE;
        List<Long> bests = new ArrayList<>();
        TreeSet<String> reports = new TreeSet<>();
        for (Estimate e : estimates) {
            low = Math.min(low, e.low());
            high = Math.max(high, e.high());
            bests.add(e.best());
            e.representatives().forEach(t -> reports.add(t.report().id()));
        }
        boolean atLeast = true;
        for (Estimate e : estimates) {
            if (e.low() == low && !e.atLeast()) {
                atLeast = false;
            }
        }
        return new Result(low, LowerMedian.lowerMedian(bests), high, atLeast, reports,
                new TreeSet<>(bySource.keySet()), estimates);
    }

    /** §2.2–§2.4 for one source. */
    static Estimate estimate(String source, Sum sigma, List<Total> own, Incidents incidents) {
        List<Total> representatives = new ArrayList<>();
        for (List<Total> cluster : clusters(supersede(own))) {
            representatives.add(representative(cluster, incidents));
        }
        representatives.sort((a, b) -> a.report().id().compareTo(b.report().id()));
        long[] est = {sigma.low(), sigma.best(), sigma.high()};
        boolean atLeast = sigma.atLeast();
        for (Total rep : representatives) {
            Sum inside = rep.incidents(incidents);
            for (int x = 0; x < 3; x++) {
                est[x] = Math.addExact(est[x], Math.max(0, rep.v(x) - inside.get(x)));
            }
            // §6: a term of the low is a floor when the representative's at-least value sets it
            if (rep.atLeast() && rep.v(0) >= inside.low()) {
                atLeast = true;
            }
        }
        return new Estimate(source, est[0], est[1], est[2], atLeast, representatives);
    }

    /**
     * §2.2: a total is set aside when another one's coverage contains its own; of equal coverages
     * the later stays. Sorted by id.
     */
    static List<Total> supersede(List<Total> own) {
        List<Total> sorted = new ArrayList<>(own);
        sorted.sort((a, b) -> a.report().id().compareTo(b.report().id()));
        List<Total> kept = new ArrayList<>();
        for (Total t : sorted) {
            boolean setAside = false;
            for (Total o : sorted) {
                if (o != t && o.contains(t)
                        && (!o.sameCoverage(t) || Rules.LATEST.compare(o.report(), t.report()) > 0)) {
                    setAside = true;
                    break;
                }
            }
            if (!setAside) {
                kept.add(t);
            }
        }
        return kept;
    }

    /** §2.3: the connected components of "coverages overlap" (union-find), each in id order. */
    static List<List<Total>> clusters(List<Total> kept) {
        int n = kept.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (kept.get(i).overlaps(kept.get(j))) {
                    Rules.union(parent, i, j);
                }
            }
        }
        Map<Integer, List<Total>> byRoot = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            byRoot.computeIfAbsent(Rules.root(parent, i), k -> new ArrayList<>()).add(kept.get(i));
        }
        return new ArrayList<>(byRoot.values());
    }

    /** §2.3: the largest gain on best (value − I_best(C)); ties: larger value, then the later report. */
    static Total representative(List<Total> cluster, Incidents incidents) {
        Total best = null;
        long bestGain = 0;
        for (Total t : cluster) {
            long gain = t.figure().value() - t.incidents(incidents).best();
            if (best == null || gain > bestGain
                    || (gain == bestGain && (t.figure().value() > best.figure().value()
                    || (t.figure().value().equals(best.figure().value())
                    && Rules.LATEST.compare(t.report(), best.report()) > 0)))) {
                best = t;
                bestGain = gain;
            }
        }
        return best;
    }
}
