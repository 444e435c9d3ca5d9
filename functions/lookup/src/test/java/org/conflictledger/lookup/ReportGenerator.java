package org.conflictledger.lookup;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.conflictledger.domain.Actor;
import org.conflictledger.domain.ActorType;
import org.conflictledger.domain.DatePrecision;
import org.conflictledger.domain.EventType;
import org.conflictledger.domain.Figure;
import org.conflictledger.domain.Group;
import org.conflictledger.domain.Metric;
import org.conflictledger.domain.Period;
import org.conflictledger.domain.Place;
import org.conflictledger.domain.PlacePrecision;
import org.conflictledger.domain.Qualifier;
import org.conflictledger.domain.Report;
import org.conflictledger.domain.Scope;
import org.conflictledger.domain.Side;
import org.conflictledger.domain.Source;
import org.conflictledger.domain.SourceKind;
import org.conflictledger.domain.Status;
import org.conflictledger.domain.SubEventType;
import org.conflictledger.domain.Territory;

/**
 * Seeded random valid reports (ReportValidator's rules) that use any subset of the fields, with
 * texts chosen to break CSV, list cells and the spreadsheet guard: everything is a function of the
 * seed, so {@code new ReportGenerator(seed, clock)} reproduces a failing case. Optional texts and
 * lists are absent or non-empty (a CSV cell cannot tell "" from absent: docs/imports.md).
 */
final class ReportGenerator {

    /** Single-line texts: formula starts, apostrophes, quotes, commas, ';', edge white space, scripts. */
    private static final List<String> LINE = List.of("=cmd|' /C calc'!A0", "'=already guarded", "''+1", "-5 killed",
            "@SUM(A1)", "+963 contact", "a, b", "\"quoted\"", "\"starts with a quote", "ends with a quote\"",
            "semi;colon", "two; items", " padded ", "trailing ", "  leading", "حلب - الشيخ مقصود", "Kurdî: Efrîn",
            "emoji 🙂 text", "'apostrophe'", "it's", "back\\slash", "x", "ÇAĞ", "\u00a0nbsp\u00a0");
    /** Multi-line texts (summary, figure text) add line breaks and tabs. */
    private static final List<String> MULTI = List.of("line 1\r\nline 2", "line\nonly", "\ttab first", "\rcr first",
            "ends with a line break\n", "x\r\ny, \"z\";\t");

    private final Random random;
    private final Instant now;

    ReportGenerator(long seed, Clock clock) {
        this.random = new Random(seed);
        this.now = clock.instant();
    }

    private boolean bool() {
        return random.nextBoolean();
    }

    /** True one time in n. */
    private boolean oneIn(int n) {
        return random.nextInt(n) == 0;
    }

    private <T> T of(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private <T> T of(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private <T> T maybe(T value) {
        return bool() ? value : null;
    }

    /** A text: one of the hostile ones, a random word or two of them glued. */
    String line() {
        return switch (random.nextInt(4)) {
            case 0 -> of(LINE) + of(LINE);
            case 1 -> "w" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
            default -> of(LINE);
        };
    }

    String multi() {
        return bool() ? of(MULTI) + line() : line() + of(MULTI);
    }

    private List<String> lines(int max) {
        List<String> out = new ArrayList<>();
        int n = 1 + random.nextInt(max);
        for (int i = 0; i < n; i++) {
            out.add(line());
        }
        return out;
    }

    Status status() {
        return of(List.of(Status.RECEIVED, Status.ACCEPTED, Status.DISPUTED, Status.REJECTED));
    }

    Report report() {
        Scope scope = of(Scope.values());
        LocalDate end = LocalDate.of(2024, 12, 31).minusDays(random.nextInt(3000));
        LocalDate start = scope == Scope.INCIDENT ? end : end.minusDays(random.nextInt(366));
        EventType type = of(EventType.values());
        List<SubEventType> subs = Arrays.stream(SubEventType.values()).filter(s -> s.type() == type).toList();
        return new Report(scope, maybe(line()), source(), new Period(start, end), maybe(of(DatePrecision.values())), place(),
                type, subs.isEmpty() ? null : maybe(of(subs)), bool() ? actors() : null, bool() ? figures() : null,
                scope == Scope.TERRITORY_CHANGE ? territory() : null, maybe(multi()),
                maybe(of(List.of("en", "ar", "ar-SY", "ku", "fr"))), bool() ? lines(4) : null,
                maybe("ext:" + random.nextInt(1000)));
    }

    private Source source() {
        String url = of(Arrays.asList(null, "https://example.org/a?b=1,2", "http://example.org/x;y", "https://example.org/=q"));
        return new Source(of(SourceKind.values()), line(), url, now.minusSeconds(random.nextInt(100_000_000)),
                of(Arrays.asList(null, true, false)));
    }

    private Place place() {
        String a1 = oneIn(4) ? null : of(List.of("SY02", "SY07"));
        String a2 = a1 == null || bool() ? null : a1 + of(List.of("00", "03"));
        String a3 = a2 == null || bool() ? null : a2 + "01";
        boolean point = bool();
        Double lat = point ? -90 + 180 * random.nextDouble() : null;
        Double lon = point ? -180 + 360 * random.nextDouble() : null;
        List<PlacePrecision> allowed = new ArrayList<>(List.of(PlacePrecision.EXACT, PlacePrecision.NEAR, PlacePrecision.COUNTRY));
        if (a1 != null) {
            allowed.add(PlacePrecision.ADMIN1);
        }
        if (a2 != null) {
            allowed.add(PlacePrecision.ADMIN2);
        }
        return new Place("SYR", a1, a2, a3, maybe(line()), lat, lon, of(allowed));
    }

    private List<Actor> actors() {
        List<Actor> out = new ArrayList<>();
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            out.add(new Actor(line(), of(ActorType.values()), maybe(of(Side.values()))));
        }
        return out;
    }

    /** Any (metric, group) pairs, in the export's column order; a group's value never above its metric's all. */
    private List<Figure> figures() {
        List<Figure> out = new ArrayList<>();
        Map<Metric, Long> all = new EnumMap<>(Metric.class);
        for (Metric m : Metric.values()) {
            for (Group g : Group.values()) {
                if (!oneIn(4)) {
                    continue;
                }
                long cap = g == Group.ALL ? 10_000_000L : all.getOrDefault(m, 10_000_000L);
                long value = oneIn(5) ? 0 : (long) (random.nextDouble() * Math.min(cap, oneIn(3) ? 10_000_000L : 1000));
                if (g == Group.ALL) {
                    all.put(m, value);
                }
                Long low = bool() ? null : (long) (random.nextDouble() * value);
                Long high = bool() ? null : Math.min(10_000_000L, value + random.nextInt(1000));
                out.add(new Figure(m, g, value, low, high, of(Qualifier.values()), maybe(multi())));
            }
        }
        if (out.isEmpty()) {
            out.add(new Figure(Metric.KILLED, Group.ALL, 1L, Qualifier.EXACT, null));
        }
        return out;
    }

    private Territory territory() {
        List<String> places = bool() ? lines(5) : null;
        Long count = places == null || bool() ? (long) random.nextInt(500) : null;
        return new Territory(count, maybe(of(Qualifier.values())), maybe(line()), maybe(line()), places);
    }
}
