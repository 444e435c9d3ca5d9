package org.conflictledger.domain.figures;

import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A reconciled incident figure for one (metric, group): for one incident, or the sum over the
 * incidents of an area and day (or window). {@code reports} are the ids of the reports used,
 * {@code sources} the normalised source identities ({@code kind|normalised name}) behind them.
 *
 * <p>{@code fromGroups} is true when no report gave this figure itself: it is an {@code all}
 * figure made of the civilians + combatants + unknown partition sum (docs/figures.md §3). The
 * figures route needs it to label such a figure with basis {@code groups}, so storage must keep
 * it; the 6-argument constructor defaults it to false.
 */
public record Tally(
        long low,
        long best,
        long high,
        boolean atLeast,
        SortedSet<String> reports,
        SortedSet<String> sources,
        boolean fromGroups) {

    public static final Tally ZERO = new Tally(0, 0, 0, false, new TreeSet<>(), new TreeSet<>(), true);

    public Tally {
        if (low > best || best > high) {
            throw new IllegalArgumentException("need low <= best <= high: " + low + "/" + best + "/" + high);
        }
        reports = Collections.unmodifiableSortedSet(new TreeSet<>(reports == null ? Collections.emptySet() : reports));
        sources = Collections.unmodifiableSortedSet(new TreeSet<>(sources == null ? Collections.emptySet() : sources));
    }

    public Tally(long low, long best, long high, boolean atLeast, SortedSet<String> reports, SortedSet<String> sources) {
        this(low, best, high, atLeast, reports, sources, false);
    }

    /** The sum of many tallies, as {@link #plus} repeated but without copying the id sets each time; null for none. */
    public static Tally sum(List<Tally> parts) {
        if (parts.isEmpty()) {
            return null;
        }
        long low = 0;
        long best = 0;
        long high = 0;
        boolean atLeast = false;
        boolean fromGroups = true;
        TreeSet<String> r = new TreeSet<>();
        TreeSet<String> s = new TreeSet<>();
        for (Tally t : parts) {
            low = Math.addExact(low, t.low);
            best = Math.addExact(best, t.best);
            high = Math.addExact(high, t.high);
            atLeast |= t.atLeast;
            fromGroups &= t.fromGroups;
            r.addAll(t.reports);
            s.addAll(t.sources);
        }
        return new Tally(low, best, high, atLeast, r, s, fromGroups);
    }

    /**
     * The sum of two tallies (incidents of a day, days of a window). A sum whose low includes an
     * at-least value is itself an at-least value; it is made of partitions only when both are.
     */
    public Tally plus(Tally other) {
        return sum(List.of(this, other));
    }
}
