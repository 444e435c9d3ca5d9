package org.conflictledger.aggregate;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.conflictledger.domain.figures.AreaDay;
import org.conflictledger.domain.figures.DayReconciler;
import org.conflictledger.domain.validation.InvalidInputException;
import org.conflictledger.store.AggregationStore.DayData;
import org.conflictledger.store.AggregationStore.Marker;
import org.conflictledger.store.AggregationStore;
import org.conflictledger.store.StorageUnavailableException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One aggregation run: reads the markers the submit side left, recomputes the daily incident
 * figures of each marked country-day at every admin level, stores them, and removes each marker
 * only if no report touched its day meanwhile. Cost follows what changed: nothing marked, nothing
 * written. A run stops at its deadline and the next tick resumes from the markers left.
 */
@Singleton
public final class Aggregator {

    private static final System.Logger LOG = System.getLogger(Aggregator.class.getName());
    public static final int MAX_REBUILD_DAYS = 366;
    private static final int MARKER_PAGE = 50;

    /** What a run did; the function's reply and its metrics. */
    public record Summary(String mode, int partitionsRecomputed, int reportsRead, int markersCleared,
                          int markersKept, boolean backlogLeft, long durationMs, long lagSeconds,
                          int daysFailed, int daysFailedOnStorage) {
    }

    private final AggregationStore store;
    private final Clock clock;

    @Inject
    public Aggregator(AggregationStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public Summary run(Instant deadline) {
        return process("incremental", now(), deadline);
    }

    /** Marks every country-day of [from, to] that ever had incidents, then processes as usual. */
    public Summary rebuild(LocalDate from, LocalDate to, Instant deadline) {
        if (from == null || to == null) {
            throw new InvalidInputException("from", "a rebuild needs from and to (YYYY-MM-DD)");
        }
        if (to.isBefore(from) || to.toEpochDay() - from.toEpochDay() + 1 > MAX_REBUILD_DAYS) {
            throw new InvalidInputException("to", "a rebuild covers 1 to " + MAX_REBUILD_DAYS + " days, from <= to");
        }
        Instant started = now();
        for (String country : store.countries()) {
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                // The day's own last write is the token: a run clears the marker once it has read that state.
                LocalDate day = d;
                store.lastWrite(country, d).ifPresent(w -> store.mark(country, day, w, started));
            }
        }
        return process("rebuild", started, deadline);
    }

    private Summary process(String mode, Instant started, Instant deadline) {
        int partitions = 0;
        int reports = 0;
        int cleared = 0;
        int kept = 0;
        int failed = 0;
        int failedOnStorage = 0;
        boolean backlog = false;
        Instant oldestLeft = null;
        Set<String> registered = new HashSet<>();
        Map<String, AttributeValue> page = null;
        outer:
        do {
            AggregationStore.MarkerPage markers = store.markers(page, MARKER_PAGE);
            for (Marker m : markers.markers()) {
                if (!clock.instant().isBefore(deadline)) {
                    backlog = true;
                    oldestLeft = older(oldestLeft, m.since());
                    break outer;
                }
                DayData day;
                boolean clear;
                try {
                    if (registered.add(m.country())) {
                        store.registerCountry(m.country());
                    }
                    day = store.day(m.country(), m.day());
                    if (!day.complete()) {
                        // A transaction was still landing: leave the day to the next run.
                        reports += day.reports().size();
                        kept++;
                        oldestLeft = older(oldestLeft, m.since());
                        continue;
                    }
                    List<AreaDay> figures = DayReconciler.reconcile(m.country(), m.day(), day.reports());
                    // A false result means a newer run already stored newer figures: nothing to undo.
                    store.writeFigures(m.country(), m.day(), day.seq(), figures, day, started);
                    // The marker goes only if the day we read is the state its last writer left.
                    clear = m.token().equals(day.lastWrite()) && store.clearMarker(m);
                } catch (RuntimeException e) {
                    // One day that fails never holds up the others (docs/reliability.md, issue 12):
                    // its marker stays, so the next run retries it; the run counts it in a metric.
                    LOG.log(System.Logger.Level.WARNING, "aggregation of " + m.country() + " " + m.day()
                            + " failed, left for the next run: " + e);
                    failed++;
                    if (e instanceof StorageUnavailableException) {
                        failedOnStorage++;
                    }
                    kept++;
                    oldestLeft = older(oldestLeft, m.since());
                    continue;
                }
                reports += day.reports().size();
                partitions++;
                if (clear) {
                    cleared++;
                } else {
                    kept++;
                    oldestLeft = older(oldestLeft, m.since());
                }
            }
            page = markers.next();
        } while (page != null);
        Instant end = clock.instant();
        long lag = oldestLeft == null ? 0 : Math.max(0, Duration.between(oldestLeft, end).toSeconds());
        return new Summary(mode, partitions, reports, cleared, kept, backlog,
                Duration.between(started, end).toMillis(), lag, failed, failedOnStorage);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static Instant older(Instant a, Instant b) {
        if (b == null) {
            return a;
        }
        return a == null || b.isBefore(a) ? b : a;
    }
}
