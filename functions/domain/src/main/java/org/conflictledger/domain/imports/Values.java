package org.conflictledger.domain.imports;

import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.conflictledger.domain.ActorType;
import org.conflictledger.domain.EventType;
import org.conflictledger.domain.SubEventType;

/** Value mappings shared by the formats (docs/imports.md). */
final class Values {

    private static final Pattern NOT_ALNUM = Pattern.compile("[^a-z0-9]+");

    /** ACLED spells one sub-event type "protestors"; our enum, as api.md, says "protesters". */
    private static final Map<String, String> SPELLINGS = Map.of(
            "excessive_force_against_protestors", "excessive_force_against_protesters");

    /** ACLED's actor type codes (inter1, inter2), and the words its newer exports write instead. */
    private static final Map<String, ActorType> ACTOR_TYPES = Map.ofEntries(
            Map.entry("1", ActorType.STATE_FORCES),
            Map.entry("2", ActorType.REBEL_GROUP),
            Map.entry("3", ActorType.POLITICAL_MILITIA),
            Map.entry("4", ActorType.IDENTITY_MILITIA),
            Map.entry("5", ActorType.RIOTERS),
            Map.entry("6", ActorType.PROTESTERS),
            Map.entry("7", ActorType.CIVILIANS),
            Map.entry("8", ActorType.EXTERNAL_OTHER),
            Map.entry("state_forces", ActorType.STATE_FORCES),
            Map.entry("rebel_group", ActorType.REBEL_GROUP),
            Map.entry("rebel_groups", ActorType.REBEL_GROUP),
            Map.entry("political_militia", ActorType.POLITICAL_MILITIA),
            Map.entry("political_militias", ActorType.POLITICAL_MILITIA),
            Map.entry("identity_militia", ActorType.IDENTITY_MILITIA),
            Map.entry("identity_militias", ActorType.IDENTITY_MILITIA),
            Map.entry("rioters", ActorType.RIOTERS),
            Map.entry("protesters", ActorType.PROTESTERS),
            Map.entry("protestors", ActorType.PROTESTERS),
            Map.entry("civilians", ActorType.CIVILIANS),
            Map.entry("external_other", ActorType.EXTERNAL_OTHER),
            Map.entry("external_other_forces", ActorType.EXTERNAL_OTHER));

    /** ACLED writes event_date as 2024-11-27 (API), 27 November 2024 (export tool) or 27-11-2024 (codebook). */
    static final List<DateTimeFormatter> DATES = List.of(
            DateTimeFormatter.ISO_LOCAL_DATE,
            pattern("d MMMM uuuu"),
            pattern("d-MMMM-uuuu"),
            pattern("d MMM uuuu"),
            pattern("dd-MM-uuuu"));

    private Values() {
    }

    private static DateTimeFormatter pattern(String p) {
        return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(p)
                .toFormatter(Locale.ENGLISH).withResolverStyle(ResolverStyle.STRICT);
    }

    /** Slugs of the few distinct words a file repeats on every row (event types, actor types). */
    private static final Map<String, String> SLUGS = new ConcurrentHashMap<>();

    /** "Explosions/Remote violence" → explosions_remote_violence. */
    static String slug(String s) {
        if (SLUGS.size() > 4096) {
            SLUGS.clear();
        }
        return SLUGS.computeIfAbsent(s, Values::slugOf);
    }

    private static String slugOf(String s) {
        String v = NOT_ALNUM.matcher(s.toLowerCase(Locale.ROOT)).replaceAll("_");
        v = v.replaceAll("^_+|_+$", "");
        return SPELLINGS.getOrDefault(v, v);
    }

    static Optional<EventType> eventType(String s) {
        String v = slug(s);
        return Arrays.stream(EventType.values()).filter(t -> t.toString().equals(v)).findFirst();
    }

    static Optional<SubEventType> subEventType(String s) {
        String v = slug(s);
        return Arrays.stream(SubEventType.values()).filter(t -> t.toString().equals(v)).findFirst();
    }

    static Optional<ActorType> actorType(String s) {
        String v = s.strip();
        if (v.endsWith(".0")) {
            v = v.substring(0, v.length() - 2);
        }
        return Optional.ofNullable(ACTOR_TYPES.get(slug(v)));
    }

    /** ACLED's list cells (assoc_actor_1, tags, source) separate items with ';'. */
    static List<String> list(String cell) {
        if (cell == null) {
            return List.of();
        }
        return Arrays.stream(cell.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
