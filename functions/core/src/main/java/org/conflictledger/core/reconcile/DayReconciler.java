package org.conflictledger.core.reconcile;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.conflictledger.core.domain.Actor;
import org.conflictledger.core.domain.Area;
import org.conflictledger.core.domain.Figure;
import org.conflictledger.core.domain.Group;
import org.conflictledger.core.domain.Metric;
import org.conflictledger.core.domain.Place;
import org.conflictledger.core.domain.Qualifier;
import org.conflictledger.core.domain.Report;
import org.conflictledger.core.domain.Scope;
import org.conflictledger.core.domain.StoredReport;
import org.conflictledger.core.text.Normalize;

/**
 * The incident figures of one country and day, at every area level (reconciliation.md §1, the
 * incident rule of §3, §6). What the scheduled aggregation stores per (area, day).
 *
 * <p>Decisions where the rules are silent:
 * <ul>
 *   <li>A report with an {@code incidentKey} is grouped by key only; it never merges with an
 *       unkeyed report even when their ACLED identities match (§1.1 gives the two ways to be one
 *       incident separately; merging would make one unkeyed report able to join two keyed
 *       incidents).</li>
 *   <li>The incident key is compared as given (it is the submitter's token, not a name).</li>
 *   <li>Incidents are per day: reports sharing a key on different days are different incidents
 *       here, as the aggregation is partitioned by (place unit, day).</li>
 *   <li>{@code atLeast}: true when some source whose value equals the incident's low qualified it
 *       {@code at_least}.</li>
 * </ul>
 */
public final class DayReconciler {

    static final Group[] PARTITIONS = {Group.CIVILIANS, Group.COMBATANTS, Group.UNKNOWN};

    private DayReconciler() {
    }

    public static List<AreaDay> reconcile(String country, LocalDate day, List<StoredReport> reports) {
        Map<String, List<StoredReport>> incidents = new TreeMap<>();
        for (StoredReport r : Rules.latestRevisions(reports)) {
            if (isIncidentOf(r, country, day)) {
                incidents.computeIfAbsent(incidentId(r.report()), k -> new ArrayList<>()).add(r);
            }
        }
        Map<String, Area> areas = new TreeMap<>();
        Map<String, SortedMap<FigureKey, Tally>> sums = new TreeMap<>();
        for (List<StoredReport> incident : incidents.values()) {
            SortedMap<FigureKey, Tally> figures = incidentFigures(incident);
            if (figures.isEmpty()) {
                continue;
            }
            for (Area a : incidentUnit(incident).lineage()) {
                areas.put(a.key(), a);
                SortedMap<FigureKey, Tally> sum = sums.computeIfAbsent(a.key(), k -> new TreeMap<>());
                figures.forEach((k, t) -> sum.merge(k, t, Tally::plus));
            }
        }
        List<AreaDay> out = new ArrayList<>();
        sums.forEach((key, figures) -> out.add(new AreaDay(areas.get(key), day, figures)));
        return out;
    }

    private static boolean isIncidentOf(StoredReport r, String country, LocalDate day) {
        Report rep = r.report();
        return r.counts() && rep.scope() == Scope.INCIDENT
                && rep.place() != null && country.equals(rep.place().country())
                && rep.period() != null && day.equals(rep.period().start());
    }

    /** §1.1: the incident key, or ACLED's event identity (the day is fixed by the caller). */
    static String incidentId(Report r) {
        if (r.incidentKey() != null && !r.incidentKey().isBlank()) {
            return "K\u0000" + r.incidentKey();
        }
        Place p = r.place();
        Area unit = p.unit();
        TreeSet<String> actors = new TreeSet<>();
        for (Actor a : r.actorsOrEmpty()) {
            if (a != null) {
                actors.add(Normalize.name(a.name()));
            }
        }
        return String.join("\u0000", "E", unit.key(), Normalize.name(p.name()),
                String.valueOf(r.eventType()), String.join("\u0001", actors));
    }

    /**
     * The incident's place: the finest unit shared by all its reports (common admin2, else common
     * admin1, else the country). Reports tied by an incident key may name different places; the
     * incident then counts only where all of them agree it happened, so it is never counted in an
     * area one of its sources puts it outside of. ACLED-identity incidents share one unit by
     * construction.
     */
    static Area incidentUnit(List<StoredReport> incident) {
        Area common = null;
        for (StoredReport r : incident) {
            Area u = r.report().place().unit();
            common = common == null ? u : meet(common, u);
        }
        return common;
    }

    private static Area meet(Area a, Area b) {
        if (a.admin1() == null || !a.admin1().equals(b.admin1())) {
            return Area.country(a.country());
        }
        if (a.admin2() == null || !a.admin2().equals(b.admin2())) {
            return new Area(a.country(), a.admin1(), null);
        }
        return a;
    }

    private record Pick(StoredReport report, Figure figure) {
    }

    /** §1.2, §1.3 and the incident rule of §3 for one incident. */
    static SortedMap<FigureKey, Tally> incidentFigures(List<StoredReport> incident) {
        Map<FigureKey, Map<String, Pick>> picks = new TreeMap<>();
        for (StoredReport r : incident) {
            String source = Rules.sourceId(r);
            for (Figure f : r.report().figuresOrEmpty()) {
                if (f == null || f.value() == null || f.metric() == null || f.group() == null) {
                    continue;
                }
                Map<String, Pick> bySource = picks.computeIfAbsent(new FigureKey(f.metric(), f.group()), k -> new TreeMap<>());
                Pick old = bySource.get(source);
                // a report carries one figure per (metric, group); the larger value keeps a malformed one deterministic
                if (old == null || Rules.LATEST.compare(r, old.report()) > 0
                        || (old.report() == r && f.value() > old.figure().value())) {
                    bySource.put(source, new Pick(r, f));
                }
            }
        }
        SortedMap<FigureKey, Tally> out = new TreeMap<>();
        picks.forEach((key, bySource) -> out.put(key, acrossSources(bySource)));
        applyPartitionFloor(out);
        return out;
    }

    private static Tally acrossSources(Map<String, Pick> bySource) {
        List<Long> values = new ArrayList<>();
        TreeSet<String> reports = new TreeSet<>();
        for (Pick p : bySource.values()) {
            values.add(p.figure().value());
            reports.add(p.report().id());
        }
        long low = values.stream().min(Comparator.naturalOrder()).orElseThrow();
        long high = values.stream().max(Comparator.naturalOrder()).orElseThrow();
        boolean atLeast = bySource.values().stream().anyMatch(
                p -> p.figure().value() == low && p.figure().qualifier() == Qualifier.AT_LEAST);
        return new Tally(low, LowerMedian.lowerMedian(values), high, atLeast, reports,
                new TreeSet<>(bySource.keySet()), false);
    }

    /**
     * §3, incident: all is raised to at least civilians + combatants + unknown; with no reported
     * all it is that sum (so "10 civilians killed" adds 10 to killed/all of its day).
     */
    static void applyPartitionFloor(SortedMap<FigureKey, Tally> figures) {
        for (Metric m : Metric.values()) {
            Tally parts = partitionSum(figures, m);
            if (parts == null) {
                continue;
            }
            FigureKey allKey = new FigureKey(m, Group.ALL);
            Tally all = figures.get(allKey);
            figures.put(allKey, all == null ? parts : raise(all, parts));
        }
    }

    /** civilians + combatants + unknown of one metric, null when none is there. */
    static Tally partitionSum(Map<FigureKey, Tally> figures, Metric m) {
        Tally sum = null;
        for (Group g : PARTITIONS) {
            Tally t = figures.get(new FigureKey(m, g));
            if (t != null) {
                sum = sum == null ? t : sum.plus(t);
            }
        }
        return sum == null ? null
                : new Tally(sum.low(), sum.best(), sum.high(), sum.atLeast(), sum.reports(), sum.sources(), true);
    }

    /** all raised to the partition floor; the partitions' reports join it only if they moved it. */
    static Tally raise(Tally all, Tally parts) {
        boolean moved = parts.low() > all.low() || parts.best() > all.best() || parts.high() > all.high();
        if (!moved) {
            return all;
        }
        TreeSet<String> reports = new TreeSet<>(all.reports());
        reports.addAll(parts.reports());
        TreeSet<String> sources = new TreeSet<>(all.sources());
        sources.addAll(parts.sources());
        return new Tally(Math.max(all.low(), parts.low()), Math.max(all.best(), parts.best()),
                Math.max(all.high(), parts.high()),
                Rules.atLeastOfMax(all.low(), all.atLeast(), parts.low(), parts.atLeast()),
                reports, sources, false);
    }
}
