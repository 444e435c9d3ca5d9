package org.conflictledger.lookup;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.conflictledger.core.domain.Actor;
import org.conflictledger.core.domain.Figure;
import org.conflictledger.core.domain.Group;
import org.conflictledger.core.domain.Metric;
import org.conflictledger.core.domain.Place;
import org.conflictledger.core.domain.Report;
import org.conflictledger.core.domain.StoredReport;
import org.conflictledger.core.json.Json;
import org.conflictledger.core.json.ReportJson;

/**
 * CSV (with an HXL hashtag row) and GeoJSON renderings of a search page. Callers pass reports that
 * are already redacted for the caller: these formats show exactly what the JSON view shows.
 */
final class Exports {

    private Exports() {
    }

    record Column(String name, String hxl, Function<StoredReport, Object> value, boolean text) {
    }

    static final List<Column> COLUMNS = columns();

    private static List<Column> columns() {
        List<Column> c = new ArrayList<>();
        c.add(new Column("id", "#event+id", StoredReport::id, false));
        c.add(new Column("revision", "#meta+revision", StoredReport::revision, false));
        c.add(new Column("status", "#status", StoredReport::status, false));
        c.add(new Column("scope", "#event+scope", r -> r.report().scope(), false));
        c.add(new Column("eventType", "#event+type", r -> r.report().eventType(), false));
        c.add(new Column("subEventType", "#event+type+sub", r -> r.report().subEventType(), false));
        c.add(new Column("periodStart", "#date+start", r -> r.report().period().start(), false));
        c.add(new Column("periodEnd", "#date+end", r -> r.report().period().end(), false));
        c.add(new Column("datePrecision", "#date+precision", r -> r.report().datePrecision(), false));
        c.add(new Column("country", "#country+code", r -> place(r).country(), false));
        c.add(new Column("admin1", "#adm1+code", r -> place(r).admin1(), false));
        c.add(new Column("admin2", "#adm2+code", r -> place(r).admin2(), false));
        c.add(new Column("admin3", "#adm3+code", r -> place(r).admin3(), false));
        c.add(new Column("placeName", "#loc+name", r -> place(r).name(), true));
        c.add(new Column("lat", "#geo+lat", r -> place(r).lat(), false));
        c.add(new Column("lon", "#geo+lon", r -> place(r).lon(), false));
        c.add(new Column("placePrecision", "#geo+precision", r -> place(r).precision(), false));
        c.add(new Column("sourceKind", "#meta+source+type", r -> r.report().source().kind(), false));
        c.add(new Column("sourceName", "#meta+source", r -> r.report().source().name(), true));
        c.add(new Column("sourceUrl", "#meta+url", r -> r.report().source().url(), true));
        c.add(new Column("sourcePublishedAt", "#date+reported", r -> r.report().source().publishedAt(), false));
        c.add(new Column("sourceProtected", "#meta+protected", r -> r.report().source().isProtected(), false));
        c.add(new Column("actors", "#org+name", r -> String.join("; ",
                r.report().actorsOrEmpty().stream().map(Actor::name).toList()), true));
        for (Metric m : Metric.values()) {
            for (Group g : Group.values()) {
                String hxl = "#affected+" + hxl(m) + (g == Group.ALL ? "" : "+" + hxl(g));
                c.add(new Column(m + "_" + g, hxl, r -> figure(r.report(), m, g), false));
                // the source's own range (docs/figures.md): HXL's +min / +max attributes
                c.add(new Column(m + "_" + g + "_low", hxl + "+min", r -> range(r.report(), m, g, Figure::low), false));
                c.add(new Column(m + "_" + g + "_high", hxl + "+max", r -> range(r.report(), m, g, Figure::high), false));
            }
        }
        c.add(new Column("territoryPlaces", "#affected+places+changed",
                r -> r.report().territory() == null ? null : r.report().territory().placesCount(), false));
        c.add(new Column("summary", "#description", r -> r.report().summary(), true));
        c.add(new Column("language", "#meta+lang", r -> r.report().language(), false));
        c.add(new Column("tags", "#meta+tags", r -> r.report().tags() == null ? null
                : String.join("; ", r.report().tags()), true));
        c.add(new Column("submittedBy", "#contributor", StoredReport::submittedBy, true));
        c.add(new Column("receivedAt", "#date+received", StoredReport::receivedAt, false));
        c.add(new Column("updatedAt", "#date+updated", StoredReport::updatedAt, false));
        return List.copyOf(c);
    }

    private static String hxl(Metric m) {
        return m == Metric.DISPLACED ? "idps" : m.toString();
    }

    private static String hxl(Group g) {
        return switch (g) {
            case WOMEN -> "f";
            default -> g.toString();
        };
    }

    private static Place place(StoredReport r) {
        return r.report().place();
    }

    private static Long figure(Report r, Metric m, Group g) {
        return range(r, m, g, Figure::value);
    }

    private static Long range(Report r, Metric m, Group g, Function<Figure, Long> part) {
        for (Figure f : r.figuresOrEmpty()) {
            if (f.metric() == m && f.group() == g) {
                return part.apply(f);
            }
        }
        return null;
    }

    /** RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote, CR or LF. */
    static String csv(List<StoredReport> reports) {
        StringBuilder out = new StringBuilder(256 + reports.size() * 512);
        row(out, COLUMNS.stream().map(Column::name).toList());
        row(out, COLUMNS.stream().map(Column::hxl).toList());
        for (StoredReport r : reports) {
            List<String> cells = new ArrayList<>(COLUMNS.size());
            for (Column c : COLUMNS) {
                Object v = c.value().apply(r);
                String s = v == null ? "" : v.toString();
                cells.add(c.text() ? neutralise(s) : s);
            }
            row(out, cells);
        }
        return out.toString();
    }

    /**
     * Free text that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading
     * apostrophe (OWASP CSV injection). JSON and GeoJSON carry the text unchanged.
     */
    static String neutralise(String s) {
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            return "'" + s;
        }
        return s;
    }

    private static void row(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String s = cells.get(i);
            if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
                out.append('"').append(s.replace("\"", "\"\"")).append('"');
            } else {
                out.append(s);
            }
        }
        out.append("\r\n");
    }

    /**
     * RFC 7946 FeatureCollection of the reports that show a point to this caller (after redaction),
     * [lon, lat]; properties are the report's JSON view without lat and lon.
     */
    static String geoJson(List<StoredReport> reports) {
        ObjectNode fc = Json.mapper().createObjectNode();
        fc.put("type", "FeatureCollection");
        ArrayNode features = fc.putArray("features");
        for (StoredReport r : reports) {
            Place p = r.report().place();
            if (p == null || p.lat() == null || p.lon() == null) {
                continue;
            }
            ObjectNode f = features.addObject();
            f.put("type", "Feature");
            f.put("id", r.id());
            ObjectNode g = f.putObject("geometry");
            g.put("type", "Point");
            g.putArray("coordinates").add(p.lon()).add(p.lat());
            ObjectNode props = ReportJson.toNode(r);
            ObjectNode place = (ObjectNode) props.get("place");
            place.remove("lat");
            place.remove("lon");
            f.set("properties", props);
        }
        return fc.toString();
    }
}
