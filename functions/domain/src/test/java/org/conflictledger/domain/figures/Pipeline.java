package org.conflictledger.domain.figures;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.conflictledger.domain.Area;
import org.conflictledger.domain.Group;
import org.conflictledger.domain.Metric;
import org.conflictledger.domain.Scope;
import org.conflictledger.domain.StoredReport;

/** What the aggregation and the figures route do with the pure functions, for end-to-end tests. */
final class Pipeline {

    private Pipeline() {
    }

    /** DayReconciler over every day of the window, all area levels. */
    static Map<Area, List<AreaDay>> aggregate(String country, LocalDate from, LocalDate to, List<StoredReport> all) {
        Map<Area, List<AreaDay>> out = new HashMap<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            for (AreaDay ad : DayReconciler.reconcile(country, d, all)) {
                out.computeIfAbsent(ad.area(), a -> new ArrayList<>()).add(ad);
            }
        }
        return out;
    }

    static List<StoredReport> nonIncident(List<StoredReport> all) {
        return all.stream().filter(r -> r.report().scope() != Scope.INCIDENT).toList();
    }

    /** Like the route: reads only the area's own days and the coverage areas it asks for. */
    static FiguresResult figures(Area area, LocalDate from, LocalDate to, List<StoredReport> all,
                                 Metric metric, Group group) {
        Map<Area, List<AreaDay>> stored = aggregate(area.country(), from, to, all);
        List<StoredReport> others = nonIncident(all);
        Set<Area> needed = FiguresCalculator.coverageAreasNeeded(area, from, to, others);
        Map<Area, List<AreaDay>> read = new HashMap<>();
        stored.forEach((a, days) -> {
            if (a.equals(area) || needed.contains(a)) {
                read.put(a, days);
            }
        });
        return FiguresCalculator.figures(area, from, to, read, others, metric, group);
    }

    static FiguresResult figures(Area area, LocalDate from, LocalDate to, List<StoredReport> all) {
        return figures(area, from, to, all, null, null);
    }

    static FigureResult figure(FiguresResult r, Metric m, Group g) {
        return r.figures().stream().filter(f -> f.metric() == m && f.group() == g).findFirst().orElse(null);
    }
}
