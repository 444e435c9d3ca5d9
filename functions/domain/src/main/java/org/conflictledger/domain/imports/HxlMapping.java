package org.conflictledger.domain.imports;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.conflictledger.domain.ActorType;
import org.conflictledger.domain.Group;
import org.conflictledger.domain.Metric;
import org.conflictledger.domain.PlacePrecision;
import org.conflictledger.domain.Side;
import org.conflictledger.domain.Source;
import org.conflictledger.domain.json.Json;
import org.conflictledger.domain.json.ReportReader;
import org.conflictledger.domain.validation.ReportValidator;

/**
 * Any CSV with an HXL hashtag row, matched by hashtag in any column order, extra columns ignored:
 * the hashtags of the ledger's own CSV export (docs/lookup.md), so that an export of one ledger
 * imports into another (docs/imports.md, "hxl").
 */
final class HxlMapping extends Mapping {

    static final String ID = Hxl.canonical("#event+id");
    /** Without an id a row could not be updated by a later import, only duplicated. */
    static final List<String> REQUIRED = List.of(ID, "#event+type");
    private static final String INCIDENT_KEY = Hxl.canonical("#event+code+incident");
    private static final String PLACES_COUNT = Hxl.canonical("#indicator+num+places+changed");
    private static final String PLACES_QUALIFIER = Hxl.canonical("#meta+places+changed+qualifier");
    private static final String CONTROL_TO = Hxl.canonical("#org+control+to");
    private static final String CONTROL_FROM = Hxl.canonical("#org+control+from");
    private static final String PLACE_NAMES = Hxl.canonical("#loc+places+changed");

    HxlMapping(ImportContext ctx, ReportReader reader) {
        super(ctx, reader);
    }

    /** The file must date its rows: #date+start, or #date for one day. */
    static Optional<String> missing(Set<String> tags) {
        for (String t : REQUIRED) {
            if (!tags.contains(t)) {
                return Optional.of(t);
            }
        }
        if (!tags.contains("#date+start") && !tags.contains("#date")) {
            return Optional.of("#date+start");
        }
        if (!tags.contains("#country+code") && !tags.contains("#country+name")) {
            return Optional.of("#country+code");
        }
        return Optional.empty();
    }

    @Override
    ImportRow map(long number, long endOffset, Row row) {
        String externalId = row.externalId("hxl", ID);
        String status = row.get("#status");
        if (status != null && status.equalsIgnoreCase("retracted") && row.errors.isEmpty()) {
            // a retracted report of an export retracts its copy (docs/imports.md)
            Instant at = instant(row, "#date+updated");
            return new ImportRow(number, endOffset, externalId, null,
                    new Deletion(externalId, at != null ? at : ctx.clock().instant()), List.of(), List.of());
        }
        ObjectNode r = Json.mapper().createObjectNode();
        LocalDate start = date(row, row.has("#date+start") ? "#date+start" : "#date");
        LocalDate end = row.has("#date+end") && row.get("#date+end") != null ? date(row, "#date+end") : start;
        String scope = row.get("#event+scope");
        r.put("scope", scope != null ? scope : start != null && start.equals(end) ? "incident" : "period_total");
        if (start == null && row.errors.isEmpty()) {
            row.error(row.has("#date+start") ? "#date+start" : "#date", "is required");
        }
        if (start != null && end != null) {
            r.putObject("period").put("start", start.toString()).put("end", end.toString());
        }
        Row.putText(r, "datePrecision", row.get("#meta+date+precision"));

        source(row, r);
        place(row, r);

        String et = row.required("#event+type");
        if (et != null) {
            Values.eventType(et).ifPresentOrElse(t -> r.put("eventType", t.toString()),
                    () -> row.error("#event+type", "'" + Row.cut(et, 60) + "' is not an event type of docs/api.md"));
        }
        String st = row.get(Hxl.canonical("#event+type+sub"));
        if (st != null) {
            Values.subEventType(st).ifPresentOrElse(t -> r.put("subEventType", t.toString()),
                    () -> row.error("#event+type+sub", "'" + Row.cut(st, 60) + "' is not a sub-event type of docs/api.md"));
        }
        Row.putText(r, "incidentKey", text(row, INCIDENT_KEY));
        actors(row, r);
        figures(row, r);
        if ("territory_change".equals(scope)) {
            territory(row, r.putObject("territory"));
        }
        Row.putText(r, "summary", text(row, "#description"));
        Row.putText(r, "language", row.get("#meta+lang"));
        List<String> tags = items(text(row, "#meta+tags"));
        if (!tags.isEmpty()) {
            ArrayNode a = r.putArray("tags");
            tags.forEach(a::add);
        }
        return row.finish(reader, number, endOffset, externalId, r);
    }

    /** The export's territory columns (docs/imports.md): count, its qualifier, who took control from whom, the places. */
    private static void territory(Row row, ObjectNode t) {
        Long places = row.whole(PLACES_COUNT);
        if (places != null) {
            t.put("placesCount", places);
        }
        Row.putText(t, "qualifier", row.get(PLACES_QUALIFIER));
        Row.putText(t, "toActor", text(row, CONTROL_TO));
        Row.putText(t, "fromActor", text(row, CONTROL_FROM));
        List<String> names = items(text(row, PLACE_NAMES));
        if (!names.isEmpty()) {
            ArrayNode a = t.putArray("places");
            names.forEach(a::add);
        }
    }

    /** The row's own source when it names one (#meta+source), else the import's source. */
    private void source(Row row, ObjectNode r) {
        String name = text(row, "#meta+source");
        Source d = ctx.defaultSource();
        if (name == null && d == null) {
            row.error("#meta+source", "the row names no source and the import gives none");
            return;
        }
        ObjectNode s = r.putObject("source");
        String kind = row.get("#meta+source+type");
        Instant published = instant(row, "#date+reported");
        if (name == null) {
            kind = d.kind() == null ? null : d.kind().toString();
            name = d.name();
        }
        if (kind == null && d != null && d.kind() != null) {
            kind = d.kind().toString();
        }
        if (published == null && d != null && row.get("#date+reported") == null) {
            published = d.publishedAt();
        }
        Row.putText(s, "kind", kind);
        Row.putText(s, "name", name);
        String url = text(row, "#meta+url");
        Row.putText(s, "url", url != null || text(row, "#meta+source") != null ? url : d.url());
        if (published != null) {
            s.put("publishedAt", published.toString());
        }
        String prot = row.get("#meta+protected");
        if (prot != null) {
            switch (prot.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "1" -> s.put("protected", true);
                case "false", "no", "0" -> s.put("protected", false);
                default -> row.error("#meta+protected", "must be true or false");
            }
        } else if (d != null && d.protectedSource() != null && text(row, "#meta+source") == null) {
            s.put("protected", d.protectedSource());
        }
    }

    /** P-codes as given (#adm1+code...), else admin names through the gazetteer. */
    private void place(Row row, ObjectNode r) {
        String code = row.get("#country+code");
        String country = code != null ? Countries.byCode(code).orElse(null) : Countries.byName(row.get("#country+name")).orElse(null);
        if (country == null) {
            String given = code != null ? code : row.get("#country+name");
            row.error(code != null ? "#country+code" : "#country+name",
                    given == null ? "is required" : "'" + Row.cut(given, 60) + "' is not a country of ISO 3166-1");
            return;
        }
        Double lat = row.decimal("#geo+lat");
        Double lon = row.decimal("#geo+lon");
        String precision = row.get(Hxl.canonical("#meta+loc+precision"));
        String a1 = row.get("#adm1+code");
        // Admin names go through the gazetteer, as does an admin precision without codes (it falls
        // to what resolves); p-codes, or a country alone, are taken as given (the export's rows).
        if (a1 == null && (row.get("#adm1+name") != null || row.get("#adm2+name") != null
                || "admin1".equals(precision) || "admin2".equals(precision))) {
            PlacePrecision wanted = null;
            if (precision != null) {
                wanted = Arrays.stream(PlacePrecision.values())
                        .filter(p -> p.toString().equals(precision)).findFirst().orElse(null);
                if (wanted == null) {
                    row.error("#meta+loc+precision", "must be one of exact, near, admin2, admin1, country");
                }
            }
            row.place(r, ctx, country, row.get("#adm1+name"), row.get("#adm2+name"), text(row, "#loc+name"), lat, lon,
                    wanted);
            return;
        }
        ObjectNode p = r.putObject("place");
        p.put("country", country);
        Row.putText(p, "admin1", a1);
        Row.putText(p, "admin2", row.get("#adm2+code"));
        Row.putText(p, "admin3", row.get("#adm3+code"));
        Row.putText(p, "name", text(row, "#loc+name"));
        if (lat != null) {
            p.put("lat", lat);
        }
        if (lon != null) {
            p.put("lon", lon);
        }
        Row.putText(p, "precision", precision != null ? precision : p.has("admin2") ? "admin2" : p.has("admin1") ? "admin1"
                : "country");
    }

    /**
     * #org+name lists the actors ("; " between them, as the export writes them); #org+type and
     * #org+side, when the file has them, list their types and sides in the same order. An actor
     * without a type is kept as external_other with a warning (docs/imports.md).
     */
    private static void actors(Row row, ObjectNode r) {
        List<String> names = items(text(row, "#org+name"));
        if (names.isEmpty()) {
            return;
        }
        List<String> types = Values.list(row.get("#org+type"));
        List<String> sides = Values.list(row.get("#org+side"));
        ArrayNode actors = r.putArray("actors");
        List<String> untyped = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            ObjectNode a = actors.addObject().put("name", names.get(i));
            String t = i < types.size() ? types.get(i) : null;
            Optional<ActorType> type = t == null ? Optional.empty() : Values.actorType(t);
            if (t != null && type.isEmpty()) {
                row.error("#org+type", "'" + Row.cut(t, 40) + "' is not an actor type of docs/api.md");
            }
            if (t == null) {
                untyped.add(names.get(i));
            }
            a.put("type", type.orElse(ActorType.EXTERNAL_OTHER).toString());
            String s = i < sides.size() ? sides.get(i) : null;
            if (s != null && !s.equals("-")) {
                if (Arrays.stream(Side.values()).noneMatch(v -> v.toString().equals(s))) {
                    row.error("#org+side", "'" + Row.cut(s, 20) + "' is not a side (a, b or -)");
                } else {
                    a.put("side", s);
                }
            }
        }
        if (!untyped.isEmpty()) {
            row.warnings.add("no #org+type for " + String.join("; ", untyped) + ": imported as external_other");
        }
    }

    /**
     * #affected+<metric>[+<group>] with +min / +max for the source's range, and
     * #meta+affected+<metric>[+<group>]+qualifier / +text (the export's hashtags; a hand-made
     * #affected+…+qualifier reads too).
     */
    private static void figures(Row row, ObjectNode r) {
        ArrayNode figures = Json.mapper().createArrayNode();
        for (FigureTags t : FIGURE_TAGS) {
            Metric m = t.metric();
            Group g = t.group();
            String value = t.value();
            Long v = row.whole(value);
            Long low = row.whole(t.min());
            Long high = row.whole(t.max());
            String qualifierTag = t.qualifier();
            String q = row.get(qualifierTag);
            if (q == null) {
                q = row.get(t.affectedQualifier());
            }
            String textTag = t.text();
            String text = text(row, textTag);
            if (v == null) {
                if (low != null || high != null) {
                    row.error(value, "a range (+min, +max) needs the value");
                }
                if (q != null || text != null) {
                    row.error(q != null ? qualifierTag : textTag, "a qualifier or text needs the value");
                }
                continue;
            }
            ObjectNode f = figures.addObject().put("metric", m.toString()).put("group", g.toString()).put("value", v);
            if (low != null) {
                f.put("low", low);
            }
            if (high != null) {
                f.put("high", high);
            }
            f.put("qualifier", q != null ? q : "exact");
            Row.putText(f, "text", text);
        }
        if (figures.size() > ReportValidator.MAX_FIGURES) {
            row.error("#affected", "at most " + ReportValidator.MAX_FIGURES + " figures");
        } else if (!figures.isEmpty()) {
            r.set("figures", figures);
        }
    }

    /** A figure's hashtags, canonical, worked out once rather than on every row. */
    private record FigureTags(Metric metric, Group group, String value, String min, String max, String qualifier,
                              String affectedQualifier, String text) {
    }

    private static final List<FigureTags> FIGURE_TAGS = figureTags();

    private static List<FigureTags> figureTags() {
        List<FigureTags> out = new ArrayList<>();
        for (Metric m : Metric.values()) {
            for (Group g : Group.values()) {
                String tag = "#affected+" + hxl(m) + (g == Group.ALL ? "" : "+" + hxl(g));
                String meta = "#meta+" + tag.substring(1);
                out.add(new FigureTags(m, g, Hxl.canonical(tag), Hxl.canonical(tag + "+min"), Hxl.canonical(tag + "+max"),
                        Hxl.canonical(meta + "+qualifier"), Hxl.canonical(tag + "+qualifier"), Hxl.canonical(meta + "+text")));
            }
        }
        return List.copyOf(out);
    }

    /** The export's hashtag words: displaced people are #affected+idps, women +f (docs/lookup.md). */
    static String hxl(Metric m) {
        return m == Metric.DISPLACED ? "idps" : m.toString();
    }

    static String hxl(Group g) {
        return g == Group.WOMEN ? "f" : g.toString();
    }

    /**
     * Free text as the export wrote it, white space kept: a text that a spreadsheet would run as a
     * formula, after any apostrophes of its own, got one more leading apostrophe there
     * (docs/lookup.md), which comes off again here.
     */
    private static String text(Row row, String column) {
        String v = row.raw(column);
        if (v == null || v.isEmpty() || v.charAt(0) != '\'') {
            return v;
        }
        int i = 0;
        while (i < v.length() && v.charAt(i) == '\'') {
            i++;
        }
        return i < v.length() && "=+-@\t\r".indexOf(v.charAt(i)) >= 0 ? v.substring(1) : v;
    }

    /**
     * A list cell: items ';'-separated, white space around them dropped, and an item in double
     * quotes ("" for a quote) taken as it is, ';' and white space included: how the export writes
     * an item that holds them (docs/imports.md).
     */
    static List<String> items(String cell) {
        List<String> out = new ArrayList<>();
        if (cell == null) {
            return out;
        }
        int i = 0;
        int n = cell.length();
        while (i <= n) {
            while (i < n && Character.isWhitespace(cell.charAt(i))) {
                i++;
            }
            StringBuilder item = new StringBuilder();
            if (i < n && cell.charAt(i) == '"') {
                int j = i + 1;
                while (j < n && !(cell.charAt(j) == '"' && (j + 1 >= n || cell.charAt(j + 1) != '"'))) {
                    item.append(cell.charAt(j));
                    j += cell.charAt(j) == '"' ? 2 : 1;
                }
                int end = cell.indexOf(';', j);
                if (j < n && (end < 0 ? cell.substring(j + 1) : cell.substring(j + 1, end)).isBlank()) {
                    out.add(item.toString());
                    i = end < 0 ? n + 1 : end + 1;
                    continue;
                }
                // not a quoted item after all (text after the closing quote): read it as plain text
            }
            int end = cell.indexOf(';', i);
            String plain = (end < 0 ? cell.substring(Math.min(i, n)) : cell.substring(i, end)).strip();
            if (!plain.isEmpty()) {
                out.add(plain);
            }
            i = end < 0 ? n + 1 : end + 1;
        }
        return out;
    }

    private static LocalDate date(Row row, String column) {
        String v = row.get(column);
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse(v.length() > 10 && (v.charAt(10) == 'T' || v.charAt(10) == ' ') ? v.substring(0, 10) : v);
        } catch (DateTimeException e) {
            row.error(column, "'" + Row.cut(v, 40) + "' is not a date (such as 2024-11-27)");
            return null;
        }
    }

    /** An ISO 8601 instant, or a date (its start, UTC). */
    private static Instant instant(Row row, String column) {
        String v = row.get(column);
        if (v == null) {
            return null;
        }
        try {
            return v.length() == 10 ? LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(v);
        } catch (DateTimeException e) {
            row.error(column, "'" + Row.cut(v, 40) + "' is not an ISO 8601 instant such as 2024-11-29T18:00:00Z");
            return null;
        }
    }
}
