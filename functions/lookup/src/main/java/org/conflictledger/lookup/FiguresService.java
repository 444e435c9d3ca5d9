package org.conflictledger.lookup;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.conflictledger.domain.Area;
import org.conflictledger.domain.Group;
import org.conflictledger.domain.Metric;
import org.conflictledger.domain.StoredReport;
import org.conflictledger.domain.figures.AreaDay;
import org.conflictledger.domain.figures.DailyResult;
import org.conflictledger.domain.figures.FigureResult;
import org.conflictledger.domain.figures.FiguresCalculator;
import org.conflictledger.domain.figures.FiguresResult;
import org.conflictledger.domain.figures.TerritoryResult;
import org.conflictledger.domain.json.Json;
import org.conflictledger.domain.validation.InvalidInputException;
import org.conflictledger.store.AggregationStore.StoredDay;
import org.conflictledger.store.AggregationStore;

/**
 * The figures routes: stored daily incident figures of the window combined with the period,
 * stock and territory reports of the area. Never reconciles incidents at read time. At most four
 * Queries for any window and any data (figures, non-incident reports, pending markers, and the
 * finer areas' numbers when a period total covers one), each paged past 1 MB.
 */
@Singleton
public final class FiguresService {

    public static final int MAX_WINDOW_DAYS = 366;

    /** A validated request: area, inclusive window, optional metric/group filters. */
    public record Window(Area area, LocalDate from, LocalDate to, Metric metric, Group group) {
        public Window {
            if (area == null || area.country() == null) {
                throw new InvalidInputException("country", "is required");
            }
            if (from == null) {
                throw new InvalidInputException("from", "is required (YYYY-MM-DD)");
            }
            if (to == null) {
                throw new InvalidInputException("to", "is required (YYYY-MM-DD)");
            }
            if (to.isBefore(from)) {
                throw new InvalidInputException("to", "must not be before from");
            }
            if (to.toEpochDay() - from.toEpochDay() + 1 > MAX_WINDOW_DAYS) {
                throw new InvalidInputException("to", "a window spans at most " + MAX_WINDOW_DAYS + " days");
            }
        }
    }

    private final AggregationStore store;

    @Inject
    public FiguresService(AggregationStore store) {
        this.store = store;
    }

    public ObjectNode figures(Window w) {
        List<StoredDay> own = store.figures(w.area(), w.from(), w.to());
        List<StoredReport> others = store.nonIncidents(w.area().country(), w.from(), w.to());
        Map<Area, List<AreaDay>> days = new HashMap<>();
        days.put(w.area(), own.stream().map(StoredDay::figures).toList());
        Set<Area> finer = FiguresCalculator.coverageAreasNeeded(w.area(), w.from(), w.to(), others);
        if (!finer.isEmpty()) {
            // one Query for every finer area at once, however many the period totals name (docs/lookup.md)
            days.putAll(store.finerFigures(w.area(), w.from(), w.to(), own, finer));
        }
        FiguresResult result = FiguresCalculator.figures(w.area(), w.from(), w.to(), days, others, w.metric(), w.group());
        ObjectNode out = head(w);
        ArrayNode figures = out.putArray("figures");
        result.figures().forEach(f -> figures.add(figure(f)));
        TerritoryResult t = result.territory();
        if (t == null) {
            out.putNull("territory");
        } else {
            ObjectNode territory = out.putObject("territory");
            ObjectNode changed = territory.putObject("placesChanged").put("low", t.low()).put("best", t.best())
                    .put("high", t.high());
            if (t.atLeast()) {
                changed.put("atLeast", true);
            }
            ids(territory.putArray("reports"), t.reports());
            territory.put("sources", t.sources());
            ArrayNode places = territory.putArray("places");
            t.places().forEach(p -> places.addObject().put("name", p.place()).put("toActor", p.actor())
                    .put("date", p.date().toString()));
        }
        tail(out, w, own);
        return out;
    }

    public ObjectNode daily(Window w) {
        List<StoredDay> own = store.figures(w.area(), w.from(), w.to());
        List<DailyResult> daily = FiguresCalculator.daily(w.area(), w.from(), w.to(),
                own.stream().map(StoredDay::figures).toList(), w.metric(), w.group());
        ObjectNode out = head(w);
        ArrayNode days = out.putArray("days");
        for (DailyResult d : daily) {
            ObjectNode day = days.addObject();
            day.put("date", d.day().toString());
            ArrayNode figures = day.putArray("figures");
            d.figures().forEach(f -> figures.add(figure(f)));
        }
        tail(out, w, own);
        return out;
    }

    private static ObjectNode head(Window w) {
        ObjectNode out = Json.mapper().createObjectNode();
        ObjectNode area = out.putObject("area");
        area.put("country", w.area().country());
        if (w.area().admin1() != null) {
            area.put("admin1", w.area().admin1());
        }
        if (w.area().admin2() != null) {
            area.put("admin2", w.area().admin2());
        }
        out.put("from", w.from().toString());
        out.put("to", w.to().toString());
        return out;
    }

    /** asOf: the last aggregation that stored figures of this window; pending: changes it has not seen yet. */
    private void tail(ObjectNode out, Window w, List<StoredDay> own) {
        Instant asOf = own.stream().map(StoredDay::computedAt).max(Instant::compareTo).orElse(null);
        if (asOf == null) {
            out.putNull("asOf");
        } else {
            out.put("asOf", asOf.toString());
        }
        out.put("pending", store.pending(w.area().country(), w.from(), w.to()));
    }

    private static ObjectNode figure(FigureResult f) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("metric", f.metric().toString());
        o.put("group", f.group().toString());
        o.put("low", f.low());
        o.put("best", f.best());
        o.put("high", f.high());
        ids(o.putArray("reports"), f.reports());
        o.put("sources", f.sources());
        o.put("basis", f.basis());
        if (f.atLeast()) {
            o.put("atLeast", true);
        }
        if (f.asOfDate() != null) {
            o.put("asOfDate", f.asOfDate().toString());
        }
        if (f.asOfDateEarliest() != null) {
            o.put("asOfDateEarliest", f.asOfDateEarliest().toString());
        }
        return o;
    }

    private static void ids(ArrayNode array, List<String> ids) {
        new ArrayList<>(ids).forEach(array::add);
    }
}
