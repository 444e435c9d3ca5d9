package org.conflictledger.domain.imports;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.conflictledger.domain.ActorType;
import org.conflictledger.domain.DatePrecision;
import org.conflictledger.domain.EventType;
import org.conflictledger.domain.PlacePrecision;
import org.conflictledger.domain.SubEventType;
import org.conflictledger.domain.json.Json;
import org.conflictledger.domain.json.ReportReader;
import org.conflictledger.domain.validation.ReportValidator;

/** ACLED's CSV export, one incident report per row (docs/imports.md, "acled"). */
final class AcledMapping extends Mapping {

    /** Every column of ACLED's export since March 2023, in its order. */
    static final List<String> COLUMNS = List.of("event_id_cnty", "event_date", "year", "time_precision",
            "disorder_type", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2",
            "assoc_actor_2", "inter2", "interaction", "civilian_targeting", "iso", "region", "country", "admin1",
            "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
            "notes", "fatalities", "tags", "timestamp");
    /** Without these a file is not an ACLED export; the other mapped columns may be left out. */
    static final List<String> REQUIRED = List.of("event_id_cnty", "event_date", "event_type", "fatalities", "timestamp");

    static final String SOURCE_NAME = "ACLED";
    static final int MAX_SOURCE_TEXT = 1000;
    static final int MAX_PLACE_NAME = 300;

    AcledMapping(ImportContext ctx, ReportReader reader) {
        super(ctx, reader);
    }

    @Override
    ImportRow map(long number, long endOffset, Row row) {
        String externalId = row.externalId("acled", "event_id_cnty");
        ObjectNode r = Json.mapper().createObjectNode();
        r.put("scope", "incident");

        Instant published = row.epochSeconds("timestamp");
        if (published == null && row.get("timestamp") == null) {
            row.error("timestamp", "is required (ACLED's time of the event's last change, the source's publication time)");
        }
        ObjectNode source = r.putObject("source");
        source.put("kind", "monitor");
        source.put("name", SOURCE_NAME);
        if (published != null) {
            source.put("publishedAt", published.toString());
        }

        LocalDate date = row.date("event_date", Values.DATES);
        if (date == null && row.get("event_date") == null) {
            row.error("event_date", "is required");
        }
        if (date != null) {
            r.putObject("period").put("start", date.toString()).put("end", date.toString());
        }
        String tp = row.get("time_precision");
        if (tp != null) {
            DatePrecision dp = switch (tp.replaceAll("\\.0$", "")) {
                case "1" -> DatePrecision.DAY;
                case "2" -> DatePrecision.WEEK;
                case "3" -> DatePrecision.MONTH;
                default -> null;
            };
            if (dp == null) {
                row.error("time_precision", "must be 1 (day), 2 (week) or 3 (month)");
            } else {
                r.put("datePrecision", dp.toString());
            }
        }

        place(row, r);

        String et = row.required("event_type");
        if (et != null) {
            Optional<EventType> t = Values.eventType(et);
            t.ifPresentOrElse(v -> r.put("eventType", v.toString()),
                    () -> row.error("event_type", "'" + Row.cut(et, 60) + "' is not an ACLED event type"));
        }
        String st = row.get("sub_event_type");
        if (st != null) {
            Optional<SubEventType> t = Values.subEventType(st);
            t.ifPresentOrElse(v -> r.put("subEventType", v.toString()),
                    () -> row.error("sub_event_type", "'" + Row.cut(st, 60) + "' is not an ACLED sub-event type"));
        }

        ArrayNode actors = Json.mapper().createArrayNode();
        actors(row, actors, "actor1", "assoc_actor_1", "inter1", "a");
        actors(row, actors, "actor2", "assoc_actor_2", "inter2", "b");
        if (actors.size() > ReportValidator.MAX_ACTORS) {
            row.warnings.add("more than " + ReportValidator.MAX_ACTORS + " actors: the first "
                    + ReportValidator.MAX_ACTORS + " are kept");
            while (actors.size() > ReportValidator.MAX_ACTORS) {
                actors.remove(actors.size() - 1);
            }
        }
        if (!actors.isEmpty()) {
            r.set("actors", actors);
        }

        Long fatalities = row.whole("fatalities");
        if (fatalities == null && row.get("fatalities") == null) {
            row.error("fatalities", "is required");
        }
        if (fatalities != null) {
            ObjectNode f = r.putArray("figures").addObject();
            f.put("metric", "killed").put("group", "all").put("value", fatalities).put("qualifier", "at_least");
            Row.putText(f, "text", row.limit("source", row.get("source"), MAX_SOURCE_TEXT));
        }

        Row.putText(r, "summary", row.limit("notes", row.get("notes"), ReportValidator.MAX_SUMMARY));
        r.put("language", "en");
        tags(row, r);
        return row.finish(reader, number, endOffset, externalId, r);
    }

    private void place(Row row, ObjectNode r) {
        String country = Countries.byNumeric(row.get("iso")).orElse(null);
        if (country == null) {
            country = Countries.byName(row.get("country")).orElse(null);
        }
        if (country == null) {
            String given = row.get("country") != null ? row.get("country") : row.get("iso");
            if (given == null) {
                row.error("country", "is required");
            } else {
                row.error(row.get("country") != null ? "country" : "iso",
                        "'" + Row.cut(given, 60) + "' is not a country of ISO 3166-1");
            }
            return;
        }
        Double lat = row.decimal("latitude");
        Double lon = row.decimal("longitude");
        String gp = row.get("geo_precision");
        PlacePrecision wanted = null;
        if (gp != null) {
            wanted = switch (gp.replaceAll("\\.0$", "")) {
                case "1" -> PlacePrecision.EXACT;
                case "2" -> PlacePrecision.NEAR;
                case "3" -> PlacePrecision.ADMIN2;
                default -> null;
            };
            if (wanted == null) {
                row.error("geo_precision", "must be 1 (exact), 2 (near) or 3 (a larger region)");
            }
        }
        row.place(r, ctx, country, row.get("admin1"), row.get("admin2"),
                row.limit("location", row.get("location"), MAX_PLACE_NAME), lat, lon, wanted);
    }

    /** The main actor with its type from the inter code, then its associated actors with the same type and side. */
    private static void actors(Row row, ArrayNode actors, String nameColumn, String assocColumn, String typeColumn,
                               String side) {
        String name = row.get(nameColumn);
        if (name == null) {
            return;
        }
        String code = row.get(typeColumn);
        Optional<ActorType> type = code == null ? Optional.empty() : Values.actorType(code);
        if (type.isEmpty()) {
            row.error(typeColumn, code == null ? "is required when " + nameColumn + " is given"
                    : "'" + Row.cut(code, 40) + "' is not an ACLED actor type (1 to 8)");
            return;
        }
        actors.addObject().put("name", name).put("type", type.get().toString()).put("side", side);
        for (String assoc : Values.list(row.get(assocColumn))) {
            actors.addObject().put("name", assoc).put("type", type.get().toString()).put("side", side);
        }
    }

    private static void tags(Row row, ObjectNode r) {
        List<String> tags = Values.list(row.get("tags"));
        ArrayNode out = Json.mapper().createArrayNode();
        for (String t : tags) {
            if (t.codePointCount(0, t.length()) > ReportValidator.MAX_TAG_LENGTH) {
                row.warnings.add("tag '" + Row.cut(t, 40) + "…' is longer than " + ReportValidator.MAX_TAG_LENGTH
                        + " characters: left out");
            } else if (out.size() == ReportValidator.MAX_TAGS) {
                row.warnings.add("more than " + ReportValidator.MAX_TAGS + " tags: '" + t + "' left out");
            } else {
                out.add(t);
            }
        }
        if (!out.isEmpty()) {
            r.set("tags", out);
        }
    }
}
