package org.conflictledger.domain.figures;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.conflictledger.domain.Area;
import org.conflictledger.domain.Figure;
import org.conflictledger.domain.Group;
import org.conflictledger.domain.Metric;
import org.conflictledger.domain.Period;
import org.conflictledger.domain.Qualifier;
import org.conflictledger.domain.Scope;
import org.conflictledger.domain.StoredReport;
import org.conflictledger.domain.Territory;
import org.conflictledger.domain.text.Normalize;

/**
 * The reconciled figures of an area and window (docs/figures.md, rules v2), from the stored daily
 * incident figures and the area's period-total, stock and territory reports. Incidents are never
 * reconciled here (§7): they arrive as {@link AreaDay}s made by {@link DayReconciler}.
 *
 * <p>Decisions where the rules are silent:
 * <ul>
 *   <li><b>Flows and stocks of one (metric, group).</b> A stock is a level and never adds to
 *       incident or period sums. The API has one figure per (metric, group), so when a key has
 *       both kinds of data one wins, by the nature of the metric: {@code killed} and
 *       {@code injured} are flows (incidents / period totals win; a "stock" of them is a
 *       cumulative count already covered by §2), {@code displaced}, {@code detained} and
 *       {@code missing} are levels (the stock wins: summing the displacements of incidents over
 *       time counts people displaced twice, which is what §4 forbids). A key with one kind of
 *       data uses it.</li>
 *   <li><b>The final groups rule</b> only combines figures of the same kind: a stock {@code all}
 *       is raised by stock partitions, a flow {@code all} by flow partitions. An {@code all}
 *       whose best is raised by the partitions gets basis {@code groups} (the basis names what
 *       set the best, as in §2.4); an {@code all} made only of partitions has basis
 *       {@code groups} too, and for stocks keeps the partitions' latest {@code asOfDate}.</li>
 *   <li><b>Period totals</b> follow rules v2 in {@link PeriodTotals}; the figure lists the incident
 *       reports of (A, W) and every source's cluster representatives.</li>
 *   <li><b>Basis with no incident data</b>: a key that only period totals give has basis
 *       {@code period_total} even when their best is 0 (there are no incidents to name).</li>
 *   <li><b>asOfDateEarliest</b> of a stock: when units of different dates are summed (also
 *       when a stock {@code all} is raised by partitions of another date), the earliest
 *       {@code period.end} used.</li>
 *   <li>Territory is reported whatever the metric/group filter: it is not a (metric, group).</li>
 * </ul>
 */
public final class FiguresCalculator {

    private FiguresCalculator() {
    }

    /**
     * A figure under construction; converted to {@link FigureResult} at the end. For stocks,
     * {@code asOf} is the latest period end used, {@code earliest} the earliest, and {@code mixed}
     * says that units of different dates were summed (§4.3).
     */
    private record Fig(long low, long best, long high, boolean atLeast, SortedSet<String> reports,
                       SortedSet<String> sources, String basis, LocalDate asOf, LocalDate earliest, boolean mixed) {

        static Fig of(Tally t, String basis) {
            return new Fig(t.low(), t.best(), t.high(), t.atLeast(), t.reports(), t.sources(), basis, null, null, false);
        }

        boolean stock() {
            return asOf != null;
        }

        Fig plus(Fig o) {
            return new Fig(Math.addExact(low, o.low), Math.addExact(best, o.best), Math.addExact(high, o.high),
                    atLeast || o.atLeast, union(reports, o.reports), union(sources, o.sources), basis,
                    latest(asOf, o.asOf), FiguresCalculator.earliest(earliest, o.earliest),
                    mixed || o.mixed || (asOf != null && o.asOf != null && !asOf.equals(o.asOf)));
        }

        Fig with(long low, long best, long high, boolean atLeast, SortedSet<String> reports, SortedSet<String> sources,
                 String basis, Fig other) {
            return new Fig(low, best, high, atLeast, reports, sources, basis, latest(asOf, other.asOf),
                    FiguresCalculator.earliest(earliest, other.earliest),
                    mixed || other.mixed || (asOf != null && other.asOf != null && !asOf.equals(other.asOf)));
        }

        FigureResult result(FigureKey key) {
            return new FigureResult(key.metric(), key.group(), low, best, high, new ArrayList<>(reports),
                    sources.size(), basis, atLeast, asOf, mixed ? earliest : null);
        }
    }

    /**
     * The areas other than {@code area} whose daily incident figures {@link #figures} needs: the
     * places of the period totals that count in (A, W) and are finer than A (§2.1 subtracts the
     * incidents inside each total's coverage). Sorted by area key.
     */
    public static Set<Area> coverageAreasNeeded(Area area, LocalDate from, LocalDate to,
                                                List<StoredReport> nonIncidentReports) {
        TreeMap<String, Area> out = new TreeMap<>();
        for (StoredReport r : Rules.latestRevisions(nonIncidentReports)) {
            if (Rules.countsIn(r, Scope.PERIOD_TOTAL, area, from, to)) {
                Area unit = r.report().place().unit();
                if (!unit.equals(area)) {
                    out.put(unit.key(), unit);
                }
            }
        }
        return Collections.unmodifiableSet(new LinkedHashSet<>(out.values()));
    }

    /**
     * @param incidentDays the stored AreaDays of {@code area} for days in [from, to], plus those
     *     of each area of {@link #coverageAreasNeeded}; an absent area or day means no incident
     *     figures there
     * @param nonIncidentReports the country's period_total, stock and territory_change reports;
     *     those that do not count in (A, W) are ignored
     */
    public static FiguresResult figures(Area area, LocalDate from, LocalDate to,
                                        Map<Area, List<AreaDay>> incidentDays,
                                        List<StoredReport> nonIncidentReports,
                                        Metric metricFilter, Group groupFilter) {
        Map<Area, List<AreaDay>> stored = incidentDays == null ? Map.of() : incidentDays;
        List<StoredReport> latest = Rules.latestRevisions(nonIncidentReports);
        SortedMap<FigureKey, Fig> flows = flowFigures(area, from, to, stored,
                counting(latest, Scope.PERIOD_TOTAL, area, from, to));
        SortedMap<FigureKey, Fig> stocks = stockFigures(area, counting(latest, Scope.STOCK, area, from, to));
        SortedMap<FigureKey, Fig> chosen = choose(flows, stocks);
        applyGroupsFloor(chosen);

        List<FigureResult> out = new ArrayList<>();
        chosen.forEach((k, f) -> {
            if (matches(k, metricFilter, groupFilter)) {
                out.add(f.result(k));
            }
        });
        return new FiguresResult(out, territory(counting(latest, Scope.TERRITORY_CHANGE, area, from, to)));
    }

    /** One entry per day of [from, to] with incident figures of {@code area}, oldest first. */
    public static List<DailyResult> daily(Area area, LocalDate from, LocalDate to, List<AreaDay> areaDays,
                                          Metric metricFilter, Group groupFilter) {
        List<DailyResult> out = new ArrayList<>();
        for (AreaDay d : days(area, from, to, areaDays == null ? List.of() : areaDays).values()) {
            List<FigureResult> figures = new ArrayList<>();
            d.figures().forEach((k, t) -> {
                if (matches(k, metricFilter, groupFilter)) {
                    figures.add(Fig.of(t, incidentBasis(k, t)).result(k));
                }
            });
            if (!figures.isEmpty()) {
                out.add(new DailyResult(d.day(), figures));
            }
        }
        return out;
    }

    private static boolean matches(FigureKey k, Metric metric, Group group) {
        return (metric == null || k.metric() == metric) && (group == null || k.group() == group);
    }

    private static String incidentBasis(FigureKey k, Tally t) {
        return k.group() == Group.ALL && t.fromGroups() ? Rules.GROUPS : Rules.INCIDENTS;
    }

    private static List<StoredReport> counting(List<StoredReport> latest, Scope scope, Area area,
                                               LocalDate from, LocalDate to) {
        return latest.stream().filter(r -> Rules.countsIn(r, scope, area, from, to)).toList();
    }

    /**
     * The stored days of exactly {@code area} within [from, to]. The same AreaDay given twice is
     * one; two different ones for one (area, day) mean the caller mixed two aggregations.
     */
    private static SortedMap<LocalDate, AreaDay> days(Area area, LocalDate from, LocalDate to, List<AreaDay> list) {
        SortedMap<LocalDate, AreaDay> out = new TreeMap<>();
        for (AreaDay d : list) {
            if (d == null || !d.area().equals(area) || d.day().isBefore(from) || d.day().isAfter(to)) {
                continue;
            }
            AreaDay old = out.putIfAbsent(d.day(), d);
            if (old != null && !old.equals(d)) {
                throw new IllegalArgumentException("two different incident figures for " + area.key() + " on " + d.day());
            }
        }
        return out;
    }

    private static Tally incidentSum(Area area, LocalDate from, LocalDate to, Map<Area, List<AreaDay>> stored,
                                     FigureKey key) {
        List<Tally> parts = new ArrayList<>();
        for (AreaDay d : days(area, from, to, stored.getOrDefault(area, List.of())).values()) {
            Tally t = d.figures().get(key);
            if (t != null) {
                parts.add(t);
            }
        }
        return Tally.sum(parts);
    }

    // ---- §2 period totals ----------------------------------------------------------------

    private static SortedMap<FigureKey, Fig> flowFigures(Area area, LocalDate from, LocalDate to,
                                                         Map<Area, List<AreaDay>> stored,
                                                         List<StoredReport> periodTotals) {
        TreeSet<FigureKey> keys = new TreeSet<>();
        for (AreaDay d : days(area, from, to, stored.getOrDefault(area, List.of())).values()) {
            keys.addAll(d.figures().keySet());
        }
        // only reports that give the key take part for it: a civilians-only total claims no `all` (§3)
        Map<FigureKey, List<PeriodTotals.Total>> totals = new TreeMap<>();
        for (StoredReport r : periodTotals) {
            for (Figure f : r.report().figuresOrEmpty()) {
                if (f != null && f.value() != null && f.metric() != null && f.group() != null) {
                    FigureKey k = new FigureKey(f.metric(), f.group());
                    keys.add(k);
                    totals.computeIfAbsent(k, x -> new ArrayList<>()).add(new PeriodTotals.Total(r, f));
                }
            }
        }
        SortedMap<FigureKey, Fig> out = new TreeMap<>();
        for (FigureKey key : keys) {
            Tally sigma = incidentSum(area, from, to, stored, key);
            List<PeriodTotals.Total> ps = totals.get(key);
            out.put(key, ps == null ? Fig.of(sigma, incidentBasis(key, sigma))
                    : withPeriodTotals(new IncidentIndex(from, to, stored, key), key, sigma, ps));
        }
        return out;
    }

    /** §2.6: each of low, best and high is the larger of the incidents' and the period totals'. */
    private static Fig withPeriodTotals(IncidentIndex index, FigureKey key, Tally sigma, List<PeriodTotals.Total> totals) {
        PeriodTotals.Sum i = PeriodTotals.Sum.of(sigma);
        PeriodTotals.Result p = PeriodTotals.combine(i, totals, index);
        long low = Math.max(i.low(), p.low());
        long best = Math.max(i.best(), p.best());
        long high = Math.max(i.high(), p.high());
        boolean atLeast = sigma == null ? p.atLeast() : Rules.atLeastOfMax(i.low(), i.atLeast(), p.low(), p.atLeast());
        String basis = sigma == null || p.best() > i.best() ? Rules.PERIOD_TOTAL : incidentBasis(key, sigma);
        TreeSet<String> reports = new TreeSet<>(p.reports());
        TreeSet<String> sources = new TreeSet<>(p.sources());
        if (sigma != null) {
            reports.addAll(sigma.reports());
            sources.addAll(sigma.sources());
        }
        return new Fig(low, best, high, atLeast, reports, sources, basis, null, null, false);
    }

    /**
     * I(C) for one key over the stored days of the window: per unit, prefix sums of low, best,
     * high and of at-least days, so that each coverage costs a binary search, not a walk over
     * its days (docs/figures.md, cost).
     */
    private static final class IncidentIndex implements PeriodTotals.Incidents {
        private final LocalDate from;
        private final LocalDate to;
        private final Map<Area, List<AreaDay>> stored;
        private final FigureKey key;
        private final Map<Area, long[][]> prefix = new HashMap<>();

        IncidentIndex(LocalDate from, LocalDate to, Map<Area, List<AreaDay>> stored, FigureKey key) {
            this.from = from;
            this.to = to;
            this.stored = stored;
            this.key = key;
        }

        /** Rows: epoch days, then cumulative low, best, high, at-least count (index i = first i days). */
        private long[][] prefix(Area unit) {
            return prefix.computeIfAbsent(unit, u -> {
                List<AreaDay> days = new ArrayList<>();
                for (AreaDay d : days(u, from, to, stored.getOrDefault(u, List.of())).values()) {
                    if (d.figures().get(key) != null) {
                        days.add(d);
                    }
                }
                long[][] t = new long[5][];
                t[0] = new long[days.size()];
                for (int r = 1; r < 5; r++) {
                    t[r] = new long[days.size() + 1];
                }
                for (int i = 0; i < days.size(); i++) {
                    Tally x = days.get(i).figures().get(key);
                    t[0][i] = days.get(i).day().toEpochDay();
                    t[1][i + 1] = Math.addExact(t[1][i], x.low());
                    t[2][i + 1] = Math.addExact(t[2][i], x.best());
                    t[3][i + 1] = Math.addExact(t[3][i], x.high());
                    t[4][i + 1] = t[4][i] + (x.atLeast() ? 1 : 0);
                }
                return t;
            });
        }

        @Override
        public PeriodTotals.Sum inside(Area unit, LocalDate start, LocalDate end) {
            long[][] t = prefix(unit);
            int a = firstAtOrAfter(t[0], start.toEpochDay());
            int b = firstAtOrAfter(t[0], end.toEpochDay() + 1);
            if (b <= a) {
                return PeriodTotals.Sum.ZERO;
            }
            return new PeriodTotals.Sum(t[1][b] - t[1][a], t[2][b] - t[2][a], t[3][b] - t[3][a], t[4][b] > t[4][a]);
        }

        private static int firstAtOrAfter(long[] days, long day) {
            int i = Arrays.binarySearch(days, day);
            return i >= 0 ? i : -i - 1;
        }
    }

    // ---- §4 stocks -----------------------------------------------------------------------

    private record StockPick(StoredReport report, Figure figure) {
        LocalDate end() {
            return report.report().period().end();
        }
    }

    private static final Comparator<StockPick> STOCK_LATEST = Comparator
            .comparing(StockPick::end)
            .thenComparing(StockPick::report, Rules.LATEST);

    private static SortedMap<FigureKey, Fig> stockFigures(Area area, List<StoredReport> stocks) {
        // key -> unit key -> source -> the latest report of that source for that unit
        Map<FigureKey, Map<String, Map<String, StockPick>>> picks = new TreeMap<>();
        Map<String, Area> units = new TreeMap<>();
        for (StoredReport r : stocks) {
            Area unit = r.report().place().unit();
            units.put(unit.key(), unit);
            for (Figure f : r.report().figuresOrEmpty()) {
                if (f == null || f.value() == null || f.metric() == null || f.group() == null) {
                    continue;
                }
                StockPick pick = new StockPick(r, f);
                picks.computeIfAbsent(new FigureKey(f.metric(), f.group()), k -> new TreeMap<>())
                        .computeIfAbsent(unit.key(), k -> new TreeMap<>())
                        .merge(Rules.sourceId(r), pick, (a, b) -> STOCK_LATEST.compare(a, b) >= 0 ? a : b);
            }
        }
        SortedMap<FigureKey, Fig> out = new TreeMap<>();
        picks.forEach((key, byUnit) -> {
            Map<String, Fig> unitFigs = new TreeMap<>();
            byUnit.forEach((unitKey, bySource) -> unitFigs.put(unitKey, stockUnit(bySource)));
            Fig sum = null;
            for (String unitKey : unitsToSum(area, unitFigs.keySet(), units)) {
                Fig f = unitFigs.get(unitKey);
                sum = sum == null ? f : sum.plus(f);
            }
            out.put(key, sum);
        });
        return out;
    }

    /** §4.2: across the sources of one place unit, with sources' own ranges as in §1.3. */
    private static Fig stockUnit(Map<String, StockPick> bySource) {
        List<Figure> figures = new ArrayList<>();
        TreeSet<String> reports = new TreeSet<>();
        LocalDate asOf = null;
        LocalDate first = null;
        for (StockPick p : bySource.values()) {
            figures.add(p.figure());
            reports.add(p.report().id());
            asOf = latest(asOf, p.end());
            first = earliest(first, p.end());
        }
        Rules.Spread s = Rules.acrossSources(figures);
        return new Fig(s.low(), s.best(), s.high(), s.atLeast(), reports, new TreeSet<>(bySource.keySet()), Rules.STOCK,
                asOf, first, false);
    }

    /** §4.3: A's own unit if it has a figure, else the largest units inside A with figures. */
    private static List<String> unitsToSum(Area area, Set<String> withFigures, Map<String, Area> units) {
        if (withFigures.contains(area.key())) {
            return List.of(area.key());
        }
        List<String> out = new ArrayList<>();
        for (String u : withFigures) {
            boolean covered = withFigures.stream()
                    .anyMatch(v -> !v.equals(u) && units.get(v).contains(units.get(u)));
            if (!covered) {
                out.add(u);
            }
        }
        return out;
    }

    // ---- flows vs stocks, §3 final groups rule --------------------------------------------

    private static boolean isLevel(Metric m) {
        return m != Metric.KILLED && m != Metric.INJURED;
    }

    private static SortedMap<FigureKey, Fig> choose(SortedMap<FigureKey, Fig> flows, SortedMap<FigureKey, Fig> stocks) {
        SortedMap<FigureKey, Fig> out = new TreeMap<>(flows);
        stocks.forEach((k, s) -> {
            if (!out.containsKey(k) || isLevel(k.metric())) {
                out.put(k, s);
            }
        });
        return out;
    }

    private static void applyGroupsFloor(SortedMap<FigureKey, Fig> figures) {
        for (Metric m : Metric.values()) {
            FigureKey allKey = new FigureKey(m, Group.ALL);
            Fig all = figures.get(allKey);
            List<Fig> flowParts = new ArrayList<>();
            List<Fig> stockParts = new ArrayList<>();
            for (Group g : DayReconciler.PARTITIONS) {
                Fig f = figures.get(new FigureKey(m, g));
                if (f != null) {
                    (f.stock() ? stockParts : flowParts).add(f);
                }
            }
            List<Fig> parts;
            if (all != null) {
                parts = all.stock() ? stockParts : flowParts;
            } else {
                boolean preferStock = isLevel(m) ? !stockParts.isEmpty() : flowParts.isEmpty();
                parts = preferStock ? stockParts : flowParts;
            }
            if (parts.isEmpty()) {
                continue;
            }
            Fig sum = parts.get(0);
            for (int i = 1; i < parts.size(); i++) {
                sum = sum.plus(parts.get(i));
            }
            if (all == null) {
                figures.put(allKey, new Fig(sum.low, sum.best, sum.high, sum.atLeast, sum.reports, sum.sources,
                        Rules.GROUPS, sum.asOf, sum.earliest, sum.mixed));
            } else if (sum.low > all.low || sum.best > all.best || sum.high > all.high) {
                figures.put(allKey, all.with(Math.max(all.low, sum.low), Math.max(all.best, sum.best),
                        Math.max(all.high, sum.high), Rules.atLeastOfMax(all.low, all.atLeast, sum.low, sum.atLeast),
                        union(all.reports, sum.reports), union(all.sources, sum.sources),
                        sum.best > all.best ? Rules.GROUPS : all.basis, sum));
            }
        }
    }

    // ---- §5 territory --------------------------------------------------------------------

    private static final Comparator<StoredReport> TAKEN_LATEST = Comparator
            .comparing((StoredReport r) -> r.report().period().end())
            .thenComparing(Rules.LATEST);

    private static TerritoryResult territory(List<StoredReport> reports) {
        Map<String, Long> countBySource = new TreeMap<>();
        Map<String, Boolean> countAtLeast = new TreeMap<>();
        Map<String, Set<String>> placesBySource = new TreeMap<>();
        Map<String, StoredReport> takenBy = new TreeMap<>();
        Map<String, String> spelling = new TreeMap<>();
        TreeSet<String> ids = new TreeSet<>();
        for (StoredReport r : reports) {
            Territory t = r.report().territory();
            if (t == null) {
                continue;
            }
            String source = Rules.sourceId(r);
            ids.add(r.id());
            long count = t.placesCount() == null ? 0L : t.placesCount();
            Long before = countBySource.get(source);
            if (before == null || count > before) {
                countBySource.put(source, count);
                countAtLeast.put(source, t.qualifier() == Qualifier.AT_LEAST);
            } else if (count == before && t.qualifier() == Qualifier.AT_LEAST) {
                countAtLeast.put(source, true);
            }
            Set<String> names = placesBySource.computeIfAbsent(source, s -> new TreeSet<>());
            for (String place : t.places() == null ? List.<String>of() : t.places()) {
                String n = Normalize.name(place);
                if (n.isEmpty()) {
                    continue;
                }
                names.add(n);
                StoredReport old = takenBy.get(n);
                if (old == null || TAKEN_LATEST.compare(r, old) > 0) {
                    takenBy.put(n, r);
                    spelling.put(n, place.strip());
                }
            }
        }
        if (countBySource.isEmpty()) {
            return null;
        }
        List<Long> perSource = new ArrayList<>();
        countBySource.forEach((s, c) -> perSource.add(Math.max(c, placesBySource.get(s).size())));
        long low = Collections.min(perSource);
        // §6: the low is a floor when every source giving it gave it as an at-least count
        boolean atLeast = true;
        for (Map.Entry<String, Long> e : countBySource.entrySet()) {
            long value = Math.max(e.getValue(), placesBySource.get(e.getKey()).size());
            if (value == low && !(e.getValue() == value && countAtLeast.get(e.getKey()))) {
                atLeast = false;
            }
        }
        List<PlaceControl> places = new ArrayList<>();
        takenBy.forEach((n, r) -> places.add(new PlaceControl(spelling.get(n), r.report().territory().toActor(), r.report().period().end())));
        return new TerritoryResult(low, LowerMedian.lowerMedian(perSource), Collections.max(perSource), atLeast,
                new ArrayList<>(ids), countBySource.size(), places);
    }

    // ---- helpers -------------------------------------------------------------------------

    private static SortedSet<String> union(Collection<String> a, Collection<String> b) {
        TreeSet<String> out = new TreeSet<>(a);
        out.addAll(b);
        return out;
    }

    private static LocalDate latest(LocalDate a, LocalDate b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    private static LocalDate earliest(LocalDate a, LocalDate b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }
}
