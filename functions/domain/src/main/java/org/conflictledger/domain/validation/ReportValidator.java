package org.conflictledger.domain.validation;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Set;
import java.util.regex.Pattern;
import org.conflictledger.domain.Actor;
import org.conflictledger.domain.Figure;
import org.conflictledger.domain.Group;
import org.conflictledger.domain.Metric;
import org.conflictledger.domain.Period;
import org.conflictledger.domain.Place;
import org.conflictledger.domain.PlacePrecision;
import org.conflictledger.domain.Report;
import org.conflictledger.domain.Scope;
import org.conflictledger.domain.Source;
import org.conflictledger.domain.Territory;

/** Every rule of docs/api.md's report section; collects all errors, each with its field path. */
public final class ReportValidator {

    public static final int MAX_ACTORS = 20;
    public static final int MAX_FIGURES = 50;
    public static final int MAX_TAGS = 20;
    public static final int MAX_TAG_LENGTH = 64;
    public static final int MAX_SUMMARY = 4000;
    public static final long MAX_VALUE = 10_000_000L;
    public static final int MAX_EXTERNAL_ID = 128;
    /** Figures windows are at most 366 days, so a longer period could never count in one. */
    public static final int MAX_PERIOD_DAYS = 366;
    /** Publication instants may run ahead of our clock by this much (clock skew, not the future). */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    /** A date is "not in the future" where it is already that date somewhere on Earth. */
    private static final ZoneOffset EARLIEST_ZONE = ZoneOffset.ofHours(14);

    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{3}");
    private static final Pattern PCODE = Pattern.compile("[A-Z]{2}[A-Z0-9]{0,18}");
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*");
    private static final int SHORT_TEXT = 300;
    /** ISO 3166-1 alpha-3 to alpha-2, from the JDK's own country list. */
    private static final Map<String, String> ALPHA2 = alpha2();
    private static final int LONG_TEXT = 1000;

    private final Clock clock;

    public ReportValidator(Clock clock) {
        this.clock = clock;
    }

    public ReportValidator() {
        this(Clock.systemUTC());
    }

    public List<FieldError> validate(Report r) {
        Errors e = new Errors();
        if (r == null) {
            e.add("body", "a report object is required");
            return e.list;
        }
        e.required("scope", r.scope());
        e.text("incidentKey", r.incidentKey(), 200, false);
        externalId(e, r.externalId());
        source(e, r.source());
        period(e, r);
        place(e, r.place());
        e.required("eventType", r.eventType());
        if (r.subEventType() != null && r.eventType() != null && r.subEventType().type() != r.eventType()) {
            e.add("subEventType", "'" + r.subEventType() + "' is not a sub-type of '" + r.eventType() + "'");
        }
        actors(e, r.actors());
        figures(e, r.figures());
        territory(e, r);
        e.text("summary", r.summary(), MAX_SUMMARY, true);
        if (r.language() != null && !LANGUAGE.matcher(r.language()).matches()) {
            e.add("language", "must be a BCP 47 language tag such as 'en' or 'ar-SY'");
        }
        tags(e, r.tags());
        return e.list;
    }

    /** 1..128 printable ASCII (docs/api.md): it becomes part of a storage key and a CSV cell. */
    private static void externalId(Errors e, String id) {
        if (id != null && (id.isEmpty() || id.length() > MAX_EXTERNAL_ID
                || !id.chars().allMatch(c -> c >= 0x20 && c <= 0x7e))) {
            e.add("externalId", "must be 1 to " + MAX_EXTERNAL_ID + " printable ASCII characters");
        }
    }

    private void source(Errors e, Source s) {
        if (e.required("source", s)) {
            return;
        }
        e.required("source.kind", s.kind());
        if (!e.required("source.name", s.name())) {
            e.nonBlank("source.name", s.name());
            e.text("source.name", s.name(), SHORT_TEXT, false);
        }
        if (s.url() != null) {
            url(e, "source.url", s.url());
        }
        if (!e.required("source.publishedAt", s.publishedAt())
                && s.publishedAt().isAfter(clock.instant().plus(CLOCK_SKEW))) {
            e.add("source.publishedAt", "must not be in the future");
        }
    }

    private static void url(Errors e, String field, String url) {
        if (url.length() > 2048) {
            e.add(field, "must be at most 2048 characters");
            return;
        }
        try {
            URI u = new URI(url);
            String scheme = u.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    || u.getHost() == null) {
                e.add(field, "must be an absolute http or https URL");
            }
        } catch (Exception ex) {
            e.add(field, "must be an absolute http or https URL");
        }
    }

    private void period(Errors e, Report r) {
        Period p = r.period();
        if (e.required("period", p)) {
            return;
        }
        boolean hasStart = !e.required("period.start", p.start());
        boolean hasEnd = !e.required("period.end", p.end());
        LocalDate latest = LocalDate.ofInstant(clock.instant(), EARLIEST_ZONE);
        if (hasStart && p.start().isAfter(latest)) {
            e.add("period.start", "must not be in the future");
        }
        if (hasEnd && p.end().isAfter(latest)) {
            e.add("period.end", "must not be in the future");
        }
        if (!hasStart || !hasEnd) {
            return;
        }
        if (p.start().isAfter(p.end())) {
            e.add("period.end", "must not be before period.start");
        } else if (r.scope() == Scope.INCIDENT && !p.start().equals(p.end())) {
            e.add("period.end", "an incident spans one day: period.end must equal period.start");
        } else if (p.days() > MAX_PERIOD_DAYS) {
            e.add("period.end", "a period spans at most " + MAX_PERIOD_DAYS + " days");
        }
    }

    private static void place(Errors e, Place p) {
        if (e.required("place", p)) {
            return;
        }
        if (!e.required("place.country", p.country()) && !COUNTRY.matcher(p.country()).matches()) {
            e.add("place.country", "must be an ISO 3166-1 alpha-3 code in upper case, such as 'SYR'");
        }
        pcode(e, "place.admin1", p.admin1(), "place.country", p.country(), false);
        String alpha2 = p.country() == null ? null : ALPHA2.get(p.country());
        if (alpha2 != null && p.admin1() != null && PCODE.matcher(p.admin1()).matches()
                && (p.admin1().length() <= 2 || !p.admin1().startsWith(alpha2))) {
            // OCHA p-codes start with the country's ISO 3166-1 alpha-2 code (SY02 in SYR).
            e.add("place.admin1", "must start with '" + alpha2 + "', the p-code prefix of " + p.country()
                    + ", and be longer");
        }
        pcode(e, "place.admin2", p.admin2(), "place.admin1", p.admin1(), true);
        pcode(e, "place.admin3", p.admin3(), "place.admin2", p.admin2(), true);
        e.text("place.name", p.name(), SHORT_TEXT, false);
        if ((p.lat() == null) != (p.lon() == null)) {
            e.add(p.lat() == null ? "place.lat" : "place.lon", "lat and lon go together: give both or neither");
        }
        if (p.lat() != null && !(p.lat() >= -90 && p.lat() <= 90)) {
            e.add("place.lat", "must be between -90 and 90");
        }
        if (p.lon() != null && !(p.lon() >= -180 && p.lon() <= 180)) {
            e.add("place.lon", "must be between -180 and 180");
        }
        if (!e.required("place.precision", p.precision())) {
            if (p.precision() == PlacePrecision.ADMIN1 && p.admin1() == null) {
                e.add("place.precision", "precision 'admin1' needs place.admin1");
            } else if (p.precision() == PlacePrecision.ADMIN2 && p.admin2() == null) {
                e.add("place.precision", "precision 'admin2' needs place.admin2");
            }
        }
    }

    /** A p-code must extend its parent's code (admin2 SY0200 under SY02) and never stand without it. */
    private static void pcode(Errors e, String field, String code, String parentField, String parent, boolean prefixed) {
        if (code == null) {
            return;
        }
        if (!PCODE.matcher(code).matches()) {
            e.add(field, "must be a p-code: two capital letters then capital letters or digits, at most 20");
            return;
        }
        if (parent == null) {
            e.add(field, "cannot be given without " + parentField);
        } else if (prefixed && (code.length() <= parent.length() || !code.startsWith(parent))) {
            e.add(field, "must start with the code of " + parentField + " ('" + parent + "') and be longer");
        }
    }

    private static void actors(Errors e, List<Actor> actors) {
        if (actors == null) {
            return;
        }
        if (actors.size() > MAX_ACTORS) {
            e.add("actors", "at most " + MAX_ACTORS + " actors");
            return;
        }
        for (int i = 0; i < actors.size(); i++) {
            String f = "actors[" + i + "]";
            Actor a = actors.get(i);
            if (e.required(f, a)) {
                continue;
            }
            if (!e.required(f + ".name", a.name())) {
                e.nonBlank(f + ".name", a.name());
                e.text(f + ".name", a.name(), SHORT_TEXT, false);
            }
            e.required(f + ".type", a.type());
        }
    }

    private static void figures(Errors e, List<Figure> figures) {
        if (figures == null) {
            return;
        }
        if (figures.size() > MAX_FIGURES) {
            e.add("figures", "at most " + MAX_FIGURES + " figures");
            return;
        }
        Set<String> seen = new HashSet<>();
        Map<Metric, Long> allValues = new EnumMap<>(Metric.class);
        for (Figure f : figures) {
            if (f != null && f.group() == Group.ALL && f.metric() != null && f.value() != null) {
                allValues.put(f.metric(), f.value());
            }
        }
        for (int i = 0; i < figures.size(); i++) {
            String p = "figures[" + i + "]";
            Figure f = figures.get(i);
            if (e.required(p, f)) {
                continue;
            }
            e.required(p + ".metric", f.metric());
            e.required(p + ".group", f.group());
            e.required(p + ".qualifier", f.qualifier());
            if (!e.required(p + ".value", f.value()) && (f.value() < 0 || f.value() > MAX_VALUE)) {
                e.add(p + ".value", "must be a whole number from 0 to " + MAX_VALUE);
            }
            range(e, p, f);
            e.text(p + ".text", f.text(), LONG_TEXT, true);
            if (f.metric() == null || f.group() == null) {
                continue;
            }
            if (!seen.add(f.metric() + "/" + f.group())) {
                e.add(p, "a report has one figure per (metric, group): '" + f.metric() + "/" + f.group()
                        + "' is given twice");
            }
            Long all = allValues.get(f.metric());
            if (f.group() != Group.ALL && all != null && f.value() != null && f.value() > all) {
                e.add(p + ".value", "'" + f.group() + "' (" + f.value() + ") exceeds the '" + f.metric()
                        + "/all' value of the same report (" + all + ")");
            }
        }
    }

    /** The source's own range (docs/figures.md, ranges): optional, low <= value <= high. */
    private static void range(Errors e, String p, Figure f) {
        boolean lowOk = inRange(e, p + ".low", f.low());
        boolean highOk = inRange(e, p + ".high", f.high());
        boolean valueOk = f.value() != null && f.value() >= 0 && f.value() <= MAX_VALUE;
        if (lowOk && valueOk && f.low() != null && f.low() > f.value()) {
            e.add(p + ".low", "must not exceed value (" + f.value() + ")");
        }
        if (highOk && valueOk && f.high() != null && f.high() < f.value()) {
            e.add(p + ".high", "must not be below value (" + f.value() + ")");
        }
    }

    private static boolean inRange(Errors e, String field, Long v) {
        if (v != null && (v < 0 || v > MAX_VALUE)) {
            e.add(field, "must be a whole number from 0 to " + MAX_VALUE);
            return false;
        }
        return true;
    }

    private static void territory(Errors e, Report r) {
        Territory t = r.territory();
        if (r.scope() != Scope.TERRITORY_CHANGE) {
            if (t != null) {
                e.add("territory", "only a 'territory_change' report has territory");
            }
            return;
        }
        if (t == null) {
            e.add("territory", "is required for a 'territory_change' report");
            return;
        }
        if (t.placesCount() == null && (t.places() == null || t.places().isEmpty())) {
            e.add("territory.placesCount", "give placesCount, places, or both");
        }
        if (t.placesCount() != null && (t.placesCount() < 0 || t.placesCount() > MAX_VALUE)) {
            e.add("territory.placesCount", "must be a whole number from 0 to " + MAX_VALUE);
        }
        e.text("territory.toActor", t.toActor(), SHORT_TEXT, false);
        e.text("territory.fromActor", t.fromActor(), SHORT_TEXT, false);
        if (t.places() != null) {
            if (t.places().size() > LONG_TEXT) {
                e.add("territory.places", "at most " + LONG_TEXT + " places");
                return;
            }
            for (int i = 0; i < t.places().size(); i++) {
                String f = "territory.places[" + i + "]";
                if (!e.required(f, t.places().get(i))) {
                    e.nonBlank(f, t.places().get(i));
                    e.text(f, t.places().get(i), SHORT_TEXT, false);
                }
            }
        }
    }

    private static void tags(Errors e, List<String> tags) {
        if (tags == null) {
            return;
        }
        if (tags.size() > MAX_TAGS) {
            e.add("tags", "at most " + MAX_TAGS + " tags");
            return;
        }
        for (int i = 0; i < tags.size(); i++) {
            String f = "tags[" + i + "]";
            if (!e.required(f, tags.get(i))) {
                e.nonBlank(f, tags.get(i));
                e.text(f, tags.get(i), MAX_TAG_LENGTH, false);
            }
        }
    }

    /** Collects errors; small helpers return true when they found the value missing. */
    private static final class Errors {
        final List<FieldError> list = new ArrayList<>();

        void add(String field, String message) {
            list.add(new FieldError(field, message));
        }

        boolean required(String field, Object value) {
            if (value == null) {
                add(field, "is required");
                return true;
            }
            return false;
        }

        void nonBlank(String field, String value) {
            if (value.isBlank()) {
                add(field, "must not be blank");
            }
        }

        /** Length in code points; control characters only where line breaks make sense; no lone surrogates. */
        void text(String field, String value, int max, boolean multiline) {
            if (value == null) {
                return;
            }
            if (value.codePointCount(0, value.length()) > max) {
                add(field, "must be at most " + max + " characters");
                return;
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (Character.isSurrogate(c)) {
                    boolean paired = Character.isHighSurrogate(c) && i + 1 < value.length()
                            && Character.isLowSurrogate(value.charAt(i + 1));
                    if (!paired) {
                        add(field, "contains an unpaired surrogate (not valid Unicode text)");
                        return;
                    }
                    i++;
                } else if (Character.isISOControl(c) && !(multiline && (c == '\n' || c == '\r' || c == '\t'))) {
                    add(field, "must not contain control characters");
                    return;
                }
            }
        }
    }

    private static Map<String, String> alpha2() {
        Map<String, String> m = new HashMap<>();
        for (String a2 : Locale.getISOCountries()) {
            try {
                m.put(new Locale("", a2).getISO3Country(), a2);
            } catch (MissingResourceException ex) {
                // no alpha-3 code known: no prefix rule for it
            }
        }
        return Map.copyOf(m);
    }

    /** Exposed for tests that pin "now". */
    public static Instant latestAllowedPublication(Clock clock) {
        return clock.instant().plus(CLOCK_SKEW);
    }
}
