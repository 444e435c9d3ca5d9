package org.conflictledger.domain.figures;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.conflictledger.domain.Actor;
import org.conflictledger.domain.Area;
import org.conflictledger.domain.Figure;
import org.conflictledger.domain.Group;
import org.conflictledger.domain.Metric;
import org.conflictledger.domain.Place;
import org.conflictledger.domain.Report;
import org.conflictledger.domain.Scope;
import org.conflictledger.domain.StoredReport;
import org.conflictledger.domain.text.Normalize;

/**
 * The incident figures of one country and day, at every area level (docs/figures.md: incidents,
 * the incident part of groups, qualifiers). What the scheduled aggregation stores per (area, day).
 *
 * <p>Incidents are the connected components of "shares an incident key or ACLED's event identity"
 * among the day's counting incident reports of the country (rules v2): a keyed and an unkeyed
 * report of one event are one incident, and a key joins reports whose identities differ. The key
 * is compared as given (it is the submitter's token, not a name). An incident's place is the
 * finest unit containing all its reports.
 */
public final class DayReconciler {

    static final Group[] PARTITIONS = {Group.CIVILIANS, Group.COMBATANTS, Group.UNKNOWN};

    private DayReconciler() {
    }

    public static List<AreaDay> reconcile(String country, LocalDate day, List<StoredReport> reports) {
        List<StoredReport> counting = new ArrayList<>();
        for (StoredReport r : Rules.latestRevisions(reports)) {
            if (isIncidentOf(r, country, day)) {
                counting.add(r);
            }
        }
        Map<String, Area> areas = new TreeMap<>();
        Map<String, SortedMap<FigureKey, Tally>> sums = new TreeMap<>();
        for (List<StoredReport> incident : incidents(counting)) {
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

    /**
     * §1.1 (v2): the connected components of "same incident key, or same ACLED event identity"
     * (union-find over the two kinds of label). {@code reports} are of one country and day, sorted
     * by id, so the components and their order depend on the reports alone.
     */
    static List<List<StoredReport>> incidents(List<StoredReport> reports) {
        int[] parent = new int[reports.size()];
        Map<String, Integer> firstWithLabel = new HashMap<>();
        for (int i = 0; i < reports.size(); i++) {
            parent[i] = i;
            Report r = reports.get(i).report();
            List<String> labels = new ArrayList<>(2);
            labels.add(identity(r));
            if (r.incidentKey() != null && !r.incidentKey().isBlank()) {
                labels.add("K\u0000" + r.incidentKey());
            }
            for (String label : labels) {
                Integer first = firstWithLabel.putIfAbsent(label, i);
                if (first != null) {
                    Rules.union(parent, i, first);
                }
            }
        }
        Map<Integer, List<StoredReport>> byRoot = new TreeMap<>();
        for (int i = 0; i < reports.size(); i++) {
            byRoot.computeIfAbsent(Rules.root(parent, i), k -> new ArrayList<>()).add(reports.get(i));
        }
        return new ArrayList<>(byRoot.values());
    }

    /** ACLED's event identity within a country-day: unit, normalised place name, event type, actor set. */
    static String identity(Report r) {
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

    /** The incident's place (§1.1): the finest unit that contains the units of all its reports. */
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
        List<Figure> figures = new ArrayList<>();
        TreeSet<String> reports = new TreeSet<>();
        for (Pick p : bySource.values()) {
            figures.add(p.figure());
            reports.add(p.report().id());
        }
        Rules.Spread s = Rules.acrossSources(figures);
        return new Tally(s.low(), s.best(), s.high(), s.atLeast(), reports, new TreeSet<>(bySource.keySet()), false);
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
