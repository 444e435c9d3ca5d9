package org.conflictledger.domain.imports;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.conflictledger.domain.ActorType;
import org.conflictledger.domain.DatePrecision;
import org.conflictledger.domain.PlacePrecision;
import org.conflictledger.domain.json.Json;
import org.conflictledger.domain.json.ReportReader;
import org.conflictledger.domain.validation.ReportValidator;

/** UCDP GED's CSV, one report per event, ranges kept (docs/imports.md, "ucdp-ged"). */
final class UcdpGedMapping extends Mapping {

    /** The 49 columns of UCDP GED's CSV, in its order. */
    static final List<String> COLUMNS = List.of("id", "relid", "year", "active_year", "code_status",
            "type_of_violence", "conflict_dset_id", "conflict_new_id", "conflict_name", "dyad_dset_id",
            "dyad_new_id", "dyad_name", "side_a_dset_id", "side_a_new_id", "side_a", "side_b_dset_id",
            "side_b_new_id", "side_b", "number_of_sources", "source_article", "source_office", "source_date",
            "source_headline", "source_original", "where_prec", "where_coordinates", "where_description", "adm_1",
            "adm_2", "latitude", "longitude", "geom_wkt", "priogrid_gid", "country", "country_id", "region",
            "event_clarity", "date_prec", "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians",
            "deaths_unknown", "best", "high", "low", "gwnoa", "gwnob");
    static final List<String> REQUIRED = List.of("id", "type_of_violence", "date_start", "date_end", "best",
            "country");

    static final String SOURCE_NAME = "UCDP";

    UcdpGedMapping(ImportContext ctx, ReportReader reader) {
        super(ctx, reader);
    }

    @Override
    ImportRow map(long number, long endOffset, Row row) {
        String externalId = row.externalId("ucdp-ged", "id");
        ObjectNode r = Json.mapper().createObjectNode();

        LocalDate start = date(row, "date_start");
        LocalDate end = date(row, "date_end");
        r.put("scope", start != null && start.equals(end) ? "incident" : "period_total");
        if (start != null && end != null) {
            r.putObject("period").put("start", start.toString()).put("end", end.toString());
        }
        String dp = row.get("date_prec");
        if (dp != null) {
            DatePrecision p = switch (dp.replaceAll("\\.0$", "")) {
                case "1" -> DatePrecision.DAY;
                case "2" -> DatePrecision.DAYS;
                case "3" -> DatePrecision.WEEK;
                case "4", "5" -> DatePrecision.MONTH;
                default -> null;
            };
            if (p == null) {
                row.error("date_prec", "must be a UCDP date precision from 1 to 5");
            } else {
                r.put("datePrecision", p.toString());
            }
        }

        ObjectNode source = r.putObject("source");
        source.put("kind", "monitor");
        source.put("name", SOURCE_NAME);
        LocalDate published = published(row, end);
        if (published != null) {
            source.put("publishedAt", published.atStartOfDay(ZoneOffset.UTC).toInstant().toString());
        }

        place(row, r);

        String tv = row.required("type_of_violence");
        String violence = tv == null ? null : tv.replaceAll("\\.0$", "");
        if (tv != null) {
            switch (violence) {
                case "1", "2" -> r.put("eventType", "battles");
                case "3" -> r.put("eventType", "violence_against_civilians").put("subEventType", "attack");
                default -> row.error("type_of_violence", "must be 1 (state-based), 2 (non-state) or 3 (one-sided)");
            }
        }
        ArrayNode actors = Json.mapper().createArrayNode();
        actor(actors, row.get("side_a"), "a", violence, false);
        actor(actors, row.get("side_b"), "b", violence, true);
        if (!actors.isEmpty()) {
            r.set("actors", actors);
        }

        figures(row, r);
        String dyad = row.get("dyad_name");
        String conflict = row.get("conflict_name");
        String summary = dyad == null ? conflict : conflict == null || conflict.equals(dyad) ? dyad : dyad + " (" + conflict + ")";
        Row.putText(r, "summary", row.limit("dyad_name", summary, ReportValidator.MAX_SUMMARY));
        r.put("language", "en");
        return row.finish(reader, number, endOffset, externalId, r);
    }

    /** UCDP writes dates as 2024-11-28 or 2024-11-28 00:00:00.000. */
    private static LocalDate date(Row row, String column) {
        String v = row.required(column);
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse(v.length() > 10 && v.charAt(10) == ' ' ? v.substring(0, 10) : v);
        } catch (DateTimeException e) {
            row.error(column, "'" + Row.cut(v, 40) + "' is not a date (such as 2024-11-28)");
            return null;
        }
    }

    /** The latest date in source_date (UCDP lists one per source, ';'-separated); else date_end. */
    private static LocalDate published(Row row, LocalDate end) {
        LocalDate latest = null;
        for (String s : Values.list(row.get("source_date"))) {
            try {
                LocalDate d = LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s);
                if (latest == null || d.isAfter(latest)) {
                    latest = d;
                }
            } catch (DateTimeException e) {
                // a source without a usable date: the others, or date_end
            }
        }
        return latest != null ? latest : end;
    }

    private void place(Row row, ObjectNode r) {
        String name = row.get("country");
        String country = Countries.byName(name).orElse(null);
        if (country == null) {
            row.error("country", name == null ? "is required" : "'" + Row.cut(name, 60) + "' is not a country of ISO 3166-1");
            return;
        }
        String wp = row.get("where_prec");
        PlacePrecision wanted = null;
        if (wp != null) {
            wanted = switch (wp.replaceAll("\\.0$", "")) {
                case "1" -> PlacePrecision.EXACT;
                case "2" -> PlacePrecision.NEAR;
                case "3" -> PlacePrecision.ADMIN2;
                case "4", "5" -> PlacePrecision.ADMIN1;
                case "6", "7" -> PlacePrecision.COUNTRY;
                default -> null;
            };
            if (wanted == null) {
                row.error("where_prec", "must be a UCDP location precision from 1 to 7");
            }
        }
        row.place(r, ctx, country, row.get("adm_1"), row.get("adm_2"),
                row.limit("where_description", row.get("where_description"), AcledMapping.MAX_PLACE_NAME),
                row.decimal("latitude"), row.decimal("longitude"), wanted);
    }

    /**
     * UCDP's sides: a government ("Government of ...") is state forces; in one-sided violence side B
     * is the civilians; any other side is an organised armed group (docs/imports.md).
     */
    private static void actor(ArrayNode actors, String name, String side, String violence, boolean sideB) {
        if (name == null) {
            return;
        }
        ActorType type;
        if (name.toLowerCase(Locale.ROOT).startsWith("government of")) {
            type = ActorType.STATE_FORCES;
        } else if ("3".equals(violence) && sideB) {
            type = ActorType.CIVILIANS;
        } else {
            type = ActorType.REBEL_GROUP;
        }
        actors.addObject().put("name", name).put("type", type.toString()).put("side", side);
    }

    /** best / low / high → killed/all with its range; the deaths columns → the groups. */
    private static void figures(Row row, ObjectNode r) {
        Long best = row.whole("best");
        Long low = row.whole("low");
        Long high = row.whole("high");
        Long a = row.whole("deaths_a");
        Long b = row.whole("deaths_b");
        Long civilians = row.whole("deaths_civilians");
        Long unknown = row.whole("deaths_unknown");
        if (best == null) {
            if (row.get("best") == null) {
                row.error("best", "is required");
            }
            return;
        }
        ArrayNode figures = r.putArray("figures");
        ObjectNode all = figures.addObject().put("metric", "killed").put("group", "all").put("value", best);
        if (low != null) {
            all.put("low", low);
        }
        if (high != null) {
            all.put("high", high);
        }
        all.put("qualifier", "approx");
        Row.putText(all, "text", row.limit("source_original", row.get("source_original"), AcledMapping.MAX_SOURCE_TEXT));
        group(figures, "civilians", civilians);
        group(figures, "combatants", a == null && b == null ? null : (a == null ? 0 : a) + (b == null ? 0 : b));
        group(figures, "unknown", unknown);
    }

    private static void group(ArrayNode figures, String group, Long value) {
        if (value != null) {
            figures.addObject().put("metric", "killed").put("group", group).put("value", value).put("qualifier", "approx");
        }
    }
}
