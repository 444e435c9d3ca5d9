package org.conflictledger.store;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.conflictledger.domain.Area;
import org.conflictledger.domain.Group;
import org.conflictledger.domain.Metric;
import org.conflictledger.domain.figures.AreaDay;
import org.conflictledger.domain.figures.FigureKey;
import org.conflictledger.domain.figures.Tally;
import org.conflictledger.domain.json.Json;

/**
 * The bounded items of an area-day's figures (docs/data-model.md, "Daily figures"): a head with
 * the numbers of every (metric, group), parts holding each distinct report id and source once with
 * the rows it belongs to, and parts holding the numbers of the finer areas (for period-total
 * coverage). No item grows past {@link #PART_BYTES} plus one entry, however busy the day.
 */
final class FigureItems {

    /** Budget of one part's payload; an entry is at most a source name (validated short text). */
    static final int PART_BYTES = 100_000;

    /** The numbers of one (metric, group); stored as a JSON array to stay small. */
    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonPropertyOrder({"metric", "group", "low", "best", "high", "atLeast", "fromGroups"})
    record Num(Metric metric, Group group, long low, long best, long high, boolean atLeast, boolean fromGroups) {
    }

    /** A finer area's numbers on the same day. */
    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonPropertyOrder({"unit", "rows"})
    record Unit(String unit, List<Num> rows) {
    }

    /** One part of the ids: each report id and source with the head rows (bit set, hex) it belongs to. */
    record Part(List<List<String>> r, List<List<String>> s) {
    }

    /** What to store for one area-day. */
    record Encoded(String num, List<String> parts, List<String> breakdown) {
    }

    private FigureItems() {
    }

    static Encoded encode(AreaDay a, List<AreaDay> finer) {
        List<FigureKey> keys = new ArrayList<>(a.figures().keySet());
        Map<String, BigInteger> reports = new TreeMap<>();
        Map<String, BigInteger> sources = new TreeMap<>();
        for (int i = 0; i < keys.size(); i++) {
            Tally t = a.figures().get(keys.get(i));
            int bit = i;
            t.reports().forEach(id -> reports.merge(id, BigInteger.ONE.shiftLeft(bit), BigInteger::or));
            t.sources().forEach(s -> sources.merge(s, BigInteger.ONE.shiftLeft(bit), BigInteger::or));
        }
        List<String> entries = new ArrayList<>();
        List<Boolean> isReport = new ArrayList<>();
        reports.forEach((id, mask) -> {
            entries.add(json(List.of(mask.toString(16), id)));
            isReport.add(true);
        });
        sources.forEach((s, mask) -> {
            entries.add(json(List.of(mask.toString(16), s)));
            isReport.add(false);
        });
        List<String> parts = new ArrayList<>();
        StringBuilder r = new StringBuilder();
        StringBuilder s = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < entries.size(); i++) {
            int size = entries.get(i).getBytes(StandardCharsets.UTF_8).length + 1;
            if (bytes > 0 && bytes + size > PART_BYTES) {
                parts.add(part(r, s));
                r.setLength(0);
                s.setLength(0);
                bytes = 0;
            }
            StringBuilder to = isReport.get(i) ? r : s;
            to.append(to.isEmpty() ? "" : ",").append(entries.get(i));
            bytes += size;
        }
        if (bytes > 0) {
            parts.add(part(r, s));
        }
        List<String> units = new ArrayList<>();
        for (AreaDay f : finer) {
            units.add(json(new Unit(f.area().key(), nums(f.figures()))));
        }
        return new Encoded(json(nums(a.figures())), parts, pack(units));
    }

    private static String part(StringBuilder r, StringBuilder s) {
        return "{\"r\":[" + r + "],\"s\":[" + s + "]}";
    }

    /** JSON arrays of entries, each under the part budget. */
    private static List<String> pack(List<String> entries) {
        List<String> out = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        int bytes = 0;
        for (String e : entries) {
            int size = e.getBytes(StandardCharsets.UTF_8).length + 1;
            if (bytes > 0 && bytes + size > PART_BYTES) {
                out.add("[" + b + "]");
                b.setLength(0);
                bytes = 0;
            }
            b.append(b.isEmpty() ? "" : ",").append(e);
            bytes += size;
        }
        if (bytes > 0) {
            out.add("[" + b + "]");
        }
        return out;
    }

    static List<Num> nums(SortedMap<FigureKey, Tally> figures) {
        List<Num> out = new ArrayList<>();
        figures.forEach((k, t) -> out.add(new Num(k.metric(), k.group(), t.low(), t.best(), t.high(), t.atLeast(),
                t.fromGroups())));
        return out;
    }

    static SortedMap<FigureKey, Tally> decode(String num, List<String> parts) {
        List<Num> rows = read(num, new TypeReference<List<Num>>() { });
        List<TreeSet<String>> reports = new ArrayList<>();
        List<TreeSet<String>> sources = new ArrayList<>();
        rows.forEach(x -> {
            reports.add(new TreeSet<>());
            sources.add(new TreeSet<>());
        });
        for (String p : parts) {
            Part part = read(p, new TypeReference<Part>() { });
            spread(part.r(), reports);
            spread(part.s(), sources);
        }
        SortedMap<FigureKey, Tally> out = new TreeMap<>();
        for (int i = 0; i < rows.size(); i++) {
            Num n = rows.get(i);
            out.put(new FigureKey(n.metric(), n.group()),
                    new Tally(n.low(), n.best(), n.high(), n.atLeast(), reports.get(i), sources.get(i), n.fromGroups()));
        }
        return out;
    }

    private static void spread(List<List<String>> entries, List<TreeSet<String>> into) {
        if (entries == null) {
            return;
        }
        for (List<String> e : entries) {
            BigInteger mask = new BigInteger(e.get(0), 16);
            for (int bit = mask.getLowestSetBit(); bit >= 0; bit = mask.getLowestSetBit()) {
                mask = mask.clearBit(bit);
                if (bit < into.size()) {
                    into.get(bit).add(e.get(1));
                }
            }
        }
    }

    /** The finer areas' numbers (no report ids: coverage needs the sums only) of the units wanted. */
    static List<AreaDay> decodeBreakdown(LocalDate day, List<String> parts, Predicate<String> wanted) {
        List<AreaDay> out = new ArrayList<>();
        for (String p : parts) {
            for (Unit u : read(p, new TypeReference<List<Unit>>() { })) {
                if (!wanted.test(u.unit())) {
                    continue;
                }
                SortedMap<FigureKey, Tally> figures = new TreeMap<>();
                u.rows().forEach(n -> figures.put(new FigureKey(n.metric(), n.group()),
                        new Tally(n.low(), n.best(), n.high(), n.atLeast(), null, null, n.fromGroups())));
                out.add(new AreaDay(Area.fromKey(u.unit()), day, figures));
            }
        }
        return out;
    }

    private static String json(Object o) {
        try {
            return Json.mapper().writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return Json.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
