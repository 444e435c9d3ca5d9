package org.conflictledger.lookup;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.conflictledger.domain.Actor;
import org.conflictledger.domain.Figure;
import org.conflictledger.domain.Group;
import org.conflictledger.domain.Metric;
import org.conflictledger.domain.Place;
import org.conflictledger.domain.Report;
import org.conflictledger.domain.StoredReport;
import org.conflictledger.domain.Territory;
import org.conflictledger.domain.json.Json;
import org.conflictledger.domain.json.ReportJson;
import org.conflictledger.domain.json.ResponseBudget;

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

    /**
     * Hashtags follow the HXL dictionary and validate against its core schema: #date columns hold
     * dates, #affected and #indicator+num numbers, #geo coordinates; codes that are none of these
     * (precisions, kinds, flags) are #meta (docs/lookup.md, "Formats").
     */
    private static List<Column> columns() {
        List<Column> c = new ArrayList<>();
        c.add(new Column("id", "#event+id", StoredReport::id, false));
        // Not #event+id+external: HXL tag patterns match by attribute subset, so a tool selecting
        // #event+id would take both id columns (docs/lookup.md, "Formats").
        c.add(new Column("externalId", "#meta+id+external", r -> r.report().externalId(), true));
        c.add(new Column("revision", "#meta+revision", StoredReport::revision, false));
        c.add(new Column("status", "#status", StoredReport::status, false));
        c.add(new Column("scope", "#event+scope", r -> r.report().scope(), false));
        c.add(new Column("eventType", "#event+type", r -> r.report().eventType(), false));
        c.add(new Column("subEventType", "#event+type+sub", r -> r.report().subEventType(), false));
        c.add(new Column("periodStart", "#date+start", r -> r.report().period().start(), false));
        c.add(new Column("periodEnd", "#date+end", r -> r.report().period().end(), false));
        c.add(new Column("datePrecision", "#meta+date+precision", r -> r.report().datePrecision(), false));
        c.add(new Column("country", "#country+code", r -> place(r).country(), false));
        c.add(new Column("admin1", "#adm1+code", r -> place(r).admin1(), false));
        c.add(new Column("admin2", "#adm2+code", r -> place(r).admin2(), false));
        c.add(new Column("admin3", "#adm3+code", r -> place(r).admin3(), false));
        c.add(new Column("placeName", "#loc+name", r -> place(r).name(), true));
        c.add(new Column("lat", "#geo+lat", r -> place(r).lat(), false));
        c.add(new Column("lon", "#geo+lon", r -> place(r).lon(), false));
        c.add(new Column("placePrecision", "#meta+loc+precision", r -> place(r).precision(), false));
        c.add(new Column("sourceKind", "#meta+source+type", r -> r.report().source().kind(), false));
        c.add(new Column("sourceName", "#meta+source", r -> r.report().source().name(), true));
        c.add(new Column("sourceUrl", "#meta+url", r -> r.report().source().url(), true));
        c.add(new Column("sourcePublishedAt", "#date+reported", r -> r.report().source().publishedAt(), false));
        // The field as given: absent stays blank, so that it imports back absent (docs/imports.md).
        c.add(new Column("sourceProtected", "#meta+protected", r -> r.report().source().protectedSource(), false));
        c.add(new Column("actors", "#org+name", r -> list(r.report().actorsOrEmpty().stream().map(Actor::name).toList()),
                true));
        for (Metric m : Metric.values()) {
            for (Group g : Group.values()) {
                String hxl = "#affected+" + hxl(m) + (g == Group.ALL ? "" : "+" + hxl(g));
                c.add(new Column(m + "_" + g, hxl, r -> figure(r.report(), m, g), false));
                // the source's own range (docs/figures.md): HXL's +min / +max attributes
                c.add(new Column(m + "_" + g + "_low", hxl + "+min", r -> range(r.report(), m, g, Figure::low), false));
                c.add(new Column(m + "_" + g + "_high", hxl + "+max", r -> range(r.report(), m, g, Figure::high), false));
            }
        }
        c.add(new Column("territoryPlaces", "#indicator+num+places+changed",
                r -> r.report().territory() == null ? null : r.report().territory().placesCount(), false));
        c.add(new Column("summary", "#description", r -> r.report().summary(), true));
        c.add(new Column("language", "#meta+lang", r -> r.report().language(), false));
        c.add(new Column("tags", "#meta+tags", r -> r.report().tags() == null ? null : list(r.report().tags()), true));
        c.add(new Column("submittedBy", "#contributor", StoredReport::submittedBy, true));
        c.add(new Column("receivedAt", "#date+received", StoredReport::receivedAt, false));
        c.add(new Column("updatedAt", "#date+updated", StoredReport::updatedAt, false));
        complete(c);
        return List.copyOf(c);
    }

    /**
     * The rest of the report, appended after the columns clients already read by position, so that
     * an editor's export imports back as format hxl into an equal report (docs/imports.md, "hxl").
     * Not #event+id+…, #org+name+… or #loc+name+…: HXL tag patterns match by attribute subset, and
     * a tool selecting the id, the actors or the place name must not take these too. Qualifiers and
     * texts are #meta: the core schema holds every #affected value to be a number.
     */
    private static void complete(List<Column> c) {
        c.add(new Column("incidentKey", "#event+code+incident", r -> r.report().incidentKey(), true));
        c.add(new Column("actorTypes", "#org+type", r -> actors(r.report(), a -> a.type() == null ? "" : a.type().toString()),
                false));
        c.add(new Column("actorSides", "#org+side", r -> actors(r.report(), a -> a.side() == null ? "-" : a.side().toString()),
                false));
        for (Metric m : Metric.values()) {
            for (Group g : Group.values()) {
                String hxl = "#meta+affected+" + hxl(m) + (g == Group.ALL ? "" : "+" + hxl(g));
                c.add(new Column(m + "_" + g + "_qualifier", hxl + "+qualifier",
                        r -> range(r.report(), m, g, f -> f.qualifier() == null ? null : f.qualifier().toString()), false));
                c.add(new Column(m + "_" + g + "_text", hxl + "+text", r -> range(r.report(), m, g, Figure::text), true));
            }
        }
        c.add(new Column("territoryQualifier", "#meta+places+changed+qualifier",
                r -> territory(r, t -> t.qualifier() == null ? null : t.qualifier().toString()), false));
        c.add(new Column("territoryToActor", "#org+control+to", r -> territory(r, Territory::toActor), true));
        c.add(new Column("territoryFromActor", "#org+control+from", r -> territory(r, Territory::fromActor), true));
        c.add(new Column("territoryPlaceNames", "#loc+places+changed",
                r -> territory(r, t -> t.places() == null ? null : list(t.places())), true));
    }

    private static String actors(Report r, Function<Actor, String> part) {
        return r.actors() == null ? null : String.join("; ", r.actors().stream().map(part).toList());
    }

    private static <T> T territory(StoredReport r, Function<Territory, T> part) {
        return r.report().territory() == null ? null : part.apply(r.report().territory());
    }

    /**
     * Items "; "-separated, as ACLED writes lists and the hxl reader splits them; an item that holds
     * a ';' or a '"', or starts or ends with white space, is quoted as a CSV field is ("" for ") so
     * that it comes back whole (docs/imports.md).
     */
    static String list(List<String> items) {
        StringBuilder sb = new StringBuilder();
        for (String s : items) {
            if (!sb.isEmpty()) {
                sb.append("; ");
            }
            boolean quote = s.isEmpty() || s.indexOf(';') >= 0 || s.indexOf('"') >= 0
                    || Character.isWhitespace(s.charAt(0)) || Character.isWhitespace(s.charAt(s.length() - 1));
            sb.append(quote ? '"' + s.replace("\"", "\"\"") + '"' : s);
        }
        return sb.toString();
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

    private static <T> T range(Report r, Metric m, Group g, Function<Figure, T> part) {
        for (Figure f : r.figuresOrEmpty()) {
            if (f.metric() == m && f.group() == g) {
                return part.apply(f);
            }
        }
        return null;
    }

    /** RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote, CR or LF. */
    static String csv(List<StoredReport> reports) {
        return render(Formats.CSV, reports, 0, Long.MAX_VALUE).finish(null);
    }

    /** Row 1: column names; row 2: their HXL hashtags. */
    static String csvHeader() {
        StringBuilder out = new StringBuilder(2048);
        row(out, COLUMNS.stream().map(Column::name).toList());
        row(out, COLUMNS.stream().map(Column::hxl).toList());
        return out.toString();
    }

    static String csvRow(StoredReport r) {
        List<String> cells = new ArrayList<>(COLUMNS.size());
        for (Column c : COLUMNS) {
            Object v = c.value().apply(r);
            String s = v == null ? "" : v.toString();
            cells.add(c.text() ? neutralise(s) : s);
        }
        StringBuilder out = new StringBuilder(512);
        row(out, cells);
        return out.toString();
    }

    /**
     * A search page's body in one format, built report by report until the next report would take
     * it past {@link ResponseBudget}; {@link #finish} closes it once the cursor is known.
     */
    static final class Paged {
        private final Formats format;
        private final StringBuilder out = new StringBuilder(64 * 1024);
        private final long limit;
        private long used;
        private int count;
        private int parts;

        private Paged(Formats format, long reserve, long limit) {
            this.format = format;
            this.limit = limit;
            out.append(switch (format) {
                case JSON -> "{\"items\":[";
                case CSV -> csvHeader();
                case GEOJSON -> "{\"type\":\"FeatureCollection\",\"features\":[";
            });
            // The closing text and, in JSON, the cursor (at most `reserve` characters) come last.
            used = ResponseBudget.encodedSize(out) + 2 * reserve + 64;
        }

        /** False, and nothing added, when the report would pass the budget (never for the first one). */
        boolean add(StoredReport r) {
            String part = switch (format) {
                case JSON -> ReportJson.toNode(r).toString();
                case CSV -> csvRow(r);
                case GEOJSON -> feature(r);
            };
            long size = part == null ? 0 : ResponseBudget.encodedSize(part) + 1;
            if (count > 0 && used + size > limit) {
                return false;
            }
            if (part != null) {
                if (parts++ > 0 && format != Formats.CSV) {
                    out.append(',');
                }
                out.append(part);
            }
            used += size;
            count++;
            return true;
        }

        /** Reports rendered (a report without a point still counts in GeoJSON: the cursor passed it). */
        int count() {
            return count;
        }

        String finish(String next) {
            switch (format) {
                case JSON -> out.append("],\"nextCursor\":").append(next == null ? "null" : Json.mapper().getNodeFactory()
                        .textNode(next).toString()).append('}');
                case CSV -> { }
                case GEOJSON -> out.append("]}");
            }
            return out.toString();
        }
    }

    /** The reports in order, as many as fit the response budget (the first one always). */
    static Paged render(Formats format, List<StoredReport> reports, long reserve) {
        return render(format, reports, reserve, ResponseBudget.BYTES);
    }

    static Paged render(Formats format, List<StoredReport> reports, long reserve, long limit) {
        Paged p = new Paged(format, reserve, limit);
        for (StoredReport r : reports) {
            if (!p.add(r)) {
                break;
            }
        }
        return p;
    }

    /**
     * Free text that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading
     * apostrophe (OWASP CSV injection). So does a text that already starts with apostrophes before
     * such a character, so that the hxl reader, which takes one apostrophe off, gives it back as it
     * was (docs/imports.md). JSON and GeoJSON carry the text unchanged.
     */
    static String neutralise(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == '\'') {
            i++;
        }
        if (i < s.length() && "=+-@\t\r".indexOf(s.charAt(i)) >= 0) {
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
        return render(Formats.GEOJSON, reports, 0, Long.MAX_VALUE).finish(null);
    }

    /** The report's Feature, or null when it shows no point to this caller. */
    private static String feature(StoredReport r) {
        Place p = r.report().place();
        if (p == null || p.lat() == null || p.lon() == null) {
            return null;
        }
        ObjectNode f = Json.mapper().createObjectNode();
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
        return f.toString();
    }
}
