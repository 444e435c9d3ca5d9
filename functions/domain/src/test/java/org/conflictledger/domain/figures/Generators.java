package org.conflictledger.domain.figures;

import static org.conflictledger.domain.figures.Reports.D27;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import org.conflictledger.domain.Group;
import org.conflictledger.domain.Metric;
import org.conflictledger.domain.Qualifier;
import org.conflictledger.domain.Status;
import org.conflictledger.domain.StoredReport;

/**
 * Seeded random inputs for the reconciliation property tests. One instance per try: everything it
 * produces, report ids included, is a function of the seed alone, so {@code new Generators(seed)}
 * reproduces a failing case exactly.
 */
final class Generators {

    private static final List<Status> STATUSES =
            List.of(Status.ACCEPTED, Status.ACCEPTED, Status.DISPUTED, Status.RETRACTED, Status.REJECTED);
    private static final List<String> SOURCES = List.of("A", "B", "C", "c ");
    private static final List<String> KEYS = List.of("", "", "k1", "k2");
    private static final List<Group> GROUPS =
            List.of(Group.ALL, Group.CIVILIANS, Group.COMBATANTS, Group.UNKNOWN, Group.CHILDREN);

    private final long seed;
    private final Random random;
    private long ids;

    Generators(long seed) {
        this.seed = seed;
        this.random = new Random(seed);
    }

    /** The seeds {@code 1..tries}: one try each. */
    static LongStream seeds(int tries) {
        return LongStream.rangeClosed(1, tries);
    }

    long seed() {
        return seed;
    }

    /** The underlying random, for shuffles: drawn from after the inputs, so still fixed by the seed. */
    Random random() {
        return random;
    }

    /** An int in {@code [min, max]}. */
    int between(int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    /** A long in {@code [min, max]}. */
    long between(long min, long max) {
        return min + (long) (random.nextDouble() * (max - min + 1));
    }

    boolean bool() {
        return random.nextBoolean();
    }

    <T> T of(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** A report of any scope, in a small world so that incidents, sources and places collide. */
    StoredReport report() {
        int scope = between(0, 9);
        String source = of(SOURCES);
        int place = between(0, 4);
        int day = between(0, 2);
        int hour = between(0, 3);
        Status status = of(STATUSES);
        int nFigs = between(0, 3);
        List<long[]> figs = new ArrayList<>();
        for (int i = 0; i < nFigs; i++) {
            figs.add(new long[] {between(0L, 50L), between(0L, 50L), between(0L, 50L)});
        }
        String key = of(KEYS);
        return build(scope, source, place, day, hour, status, figs, key);
    }

    /** Up to 25 reports; an empty list for one try in ten, so the empty edge case is always covered. */
    List<StoredReport> reports() {
        int size = random.nextInt(10) == 0 ? 0 : between(1, 25);
        List<StoredReport> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(report());
        }
        return out;
    }

    /**
     * Between {@code minSize} and {@code maxSize} values in {@code [0, max]}. One value in five is an
     * edge (0, 1, max) or repeats an earlier value, so ties and extremes come up often.
     */
    List<Long> values(int minSize, int maxSize, long max) {
        int size = between(minSize, maxSize);
        List<Long> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            int pick = random.nextInt(10);
            if (pick == 0) {
                out.add(of(List.of(0L, 1L, max)));
            } else if (pick == 1 && !out.isEmpty()) {
                out.add(of(out));
            } else {
                out.add(between(0L, max));
            }
        }
        return out;
    }

    private StoredReport build(int sc, String src, int pl, int d, int h, Status st, List<long[]> fs, String k) {
        String id = "r" + (++ids);
        Reports.Builder b = switch (sc) {
            case 7 -> Reports.periodTotal(id).period(D27.plusDays(d % 2), D27.plusDays(1 + d % 2));
            case 8 -> Reports.stock(id).on(D27.plusDays(d));
            case 9 -> Reports.territory(id).taken((long) h * 3, "actor" + h, "p" + d, "P" + h);
            default -> Reports.incident(id).on(D27.plusDays(d)).place("x" + (h % 2)).key(k.isEmpty() ? null : k);
        };
        switch (pl) {
            case 0 -> b.at("SY02", "SY0200");
            case 1 -> b.at("SY02", "SY0201");
            case 2 -> b.at("SY02");
            case 3 -> b.at("SY07", "SY0700");
            default -> b.atCountry();
        }
        b.source(src).status(st).published("2024-11-29T0" + h + ":00:00Z");
        Set<Group> seen = new HashSet<>();
        for (long[] f : fs) {
            Group g = GROUPS.get((int) (f[0] % 5));
            Metric m = f[1] % 3 == 0 ? Metric.DISPLACED : Metric.KILLED;
            if (seen.add(g)) {
                b.fig(m, g, f[2], f[1] % 2 == 0 ? Qualifier.AT_LEAST : Qualifier.EXACT);
            }
        }
        return b.build();
    }
}
