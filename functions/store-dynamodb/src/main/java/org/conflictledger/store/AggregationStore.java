package org.conflictledger.store;

import static org.conflictledger.store.Items.s;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import org.conflictledger.domain.Area;
import org.conflictledger.domain.StoredReport;
import org.conflictledger.domain.figures.AreaDay;
import org.conflictledger.domain.figures.FigureKey;
import org.conflictledger.domain.figures.Tally;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What the aggregation reads and writes: the markers the submit side leaves ({@link Markers}), the
 * incidents of a country-day ({@link DayReads}), and the stored daily figures per area
 * ({@link FigureWrites}, {@link FigureReads}). Every access is a keyed Query, GetItem or
 * conditional write; correctness never rests on a GSI.
 */
public final class AggregationStore {

    public static final String COUNTRIES = "COUNTRIES";

    /** A country-day with changes not yet aggregated; {@code token} is the last writer's id. */
    public record Marker(String country, LocalDate day, String token, long pending, Instant since) {
    }

    public record MarkerPage(List<Marker> markers, Map<String, AttributeValue> next) {
    }

    /**
     * A country-day's incidents as of {@code seq}, and the areas its figures were last stored for.
     * {@code lastWrite} is the id of the last transaction that changed the day; {@code complete}
     * is false when that transaction was only partly visible to this read (a Query is not
     * isolated from a concurrent transaction): its member is not yet in the state it leaves.
     */
    public record DayData(long seq, Set<String> units, long storedSeq, List<StoredReport> reports,
                          String lastWrite, boolean complete, Map<String, Parts> parts) {

        public DayData(long seq, Set<String> units, long storedSeq, List<StoredReport> reports,
                       String lastWrite, boolean complete) {
            this(seq, units, storedSeq, reports, lastWrite, complete, Map.of());
        }
    }

    /** How many id parts and finer-area parts an area's stored figures of a day have. */
    public record Parts(int ids, int breakdown) {
        static Parts parse(String s) {
            int slash = s.indexOf('/');
            return new Parts(Integer.parseInt(s.substring(0, slash)), Integer.parseInt(s.substring(slash + 1)));
        }

        @Override
        public String toString() {
            return ids + "/" + breakdown;
        }
    }

    /**
     * A stored daily figure row with when it was computed; {@code seq} and {@code breakdown} (its
     * finer-area parts) let a reader find the parts written with it.
     */
    public record StoredDay(AreaDay figures, Instant computedAt, long seq, int breakdown, String inlineBreakdown) {
        public StoredDay(AreaDay figures, Instant computedAt) {
            this(figures, computedAt, 0, 0, null);
        }
    }

    private final Markers markers;
    private final DayReads days;
    private final FigureWrites writes;
    private final FigureReads reads;

    public AggregationStore(DynamoDbClient db, String table) {
        this.markers = new Markers(db, table);
        this.days = new DayReads(db, table);
        this.writes = new FigureWrites(db, table);
        this.reads = new FigureReads(db, table);
    }

    public MarkerPage markers(Map<String, AttributeValue> start, int limit) {
        return markers.markers(start, limit);
    }

    /** Pending report changes of a country between two days (inclusive), for the figures route. */
    public long pending(String country, LocalDate from, LocalDate to) {
        return markers.pending(country, from, to);
    }

    /** Removes a marker only if no report changed its day since the run read it. */
    public boolean clearMarker(Marker m) {
        return markers.clearMarker(m);
    }

    /** Marks a country-day for recomputation (a rebuild), keeping any pending count. */
    public void mark(String country, LocalDate day, String token, Instant now) {
        markers.mark(country, day, token, now);
    }

    /** Countries that ever had incidents, so that a rebuild knows where to look without a Scan. */
    public void registerCountry(String country) {
        markers.registerCountry(country);
    }

    public List<String> countries() {
        return markers.countries();
    }

    public DayData day(String country, LocalDate day) {
        return days.day(country, day);
    }

    /** The id of the last write of a country-day, if it ever had an incident (its sequence item exists). */
    public Optional<String> lastWrite(String country, LocalDate day) {
        return days.lastWrite(country, day);
    }

    /**
     * Stores a country-day's figures computed from {@code seq}; areas that had figures before and
     * have none now are deleted. False when a newer result was already stored ({@link FigureWrites}).
     */
    public boolean writeFigures(String country, LocalDate day, long seq, List<AreaDay> areaDays,
                                DayData before, Instant computedAt) {
        return writes.writeFigures(country, day, seq, areaDays, before, computedAt);
    }

    /** The stored daily incident figures of an area over [from, to] ({@link FigureReads}). */
    public List<StoredDay> figures(Area area, LocalDate from, LocalDate to) {
        return reads.figures(area, from, to);
    }

    /** The stored daily numbers of the finer areas {@code wanted} inside {@code area} ({@link FigureReads}). */
    public Map<Area, List<AreaDay>> finerFigures(Area area, LocalDate from, LocalDate to, List<StoredDay> own,
                                                 Set<Area> wanted) {
        return reads.finerFigures(area, from, to, own, wanted);
    }

    /** Period totals, stocks and territory changes of a country whose period starts in [from, to]. */
    public List<StoredReport> nonIncidents(String country, LocalDate from, LocalDate to) {
        return reads.nonIncidents(country, from, to);
    }

    /** The former one-item layout's figures ({@code fig}), still read until a rebuild rewrites them. */
    static String encode(SortedMap<FigureKey, Tally> figures) {
        return FigureReads.encode(figures);
    }

    static SortedMap<FigureKey, Tally> decode(String json) {
        return FigureReads.decode(json);
    }
}
