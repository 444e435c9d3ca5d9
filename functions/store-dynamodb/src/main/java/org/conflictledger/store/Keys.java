package org.conflictledger.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import org.conflictledger.domain.Area;
import org.conflictledger.domain.Place;
import org.conflictledger.domain.StoredReport;

/** Every key format of the table, in one place (docs/data-model.md describes them). */
public final class Keys {

    public static final String HEAD = "HEAD";
    public static final String META = "#META";
    public static final String MARKERS = "M";
    public static final String IDEM_SK = "I";
    /** Sort key of an externalId's uniqueness item. */
    public static final String EXTERNAL_SK = "X";
    /** The byFeed index's one partition: every feed entry, in time order. */
    public static final String FEED_INDEX = "F";
    /** Fixed width so that feed keys sort by time as strings. */
    private static final DateTimeFormatter FEED_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private Keys() {
    }

    public static String report(String id) {
        return "R#" + id;
    }

    public static String revision(int revision) {
        return String.format("V#%010d", revision);
    }

    public static String feedPartition(Instant at) {
        return "F#" + FEED_TIME.format(at).substring(0, 7);
    }

    public static String feedPartition(YearMonth month) {
        return "F#" + month;
    }

    public static String feedSort(Instant at, String id, int revision) {
        return FEED_TIME.format(at) + "#" + id + "#" + String.format("%010d", revision);
    }

    public static String feedTime(Instant at) {
        return FEED_TIME.format(at);
    }

    /**
     * The uniqueness item of an externalId (1..128 printable ASCII, docs/api.md): verbatim, so
     * that an operator can read the table; the prefix keeps it apart from every other item.
     */
    public static String externalId(String externalId) {
        return "X#" + externalId;
    }

    /** Idempotency records are keyed by a digest: the client's key never becomes a key of ours verbatim. */
    public static String idempotency(String... parts) {
        return "I#" + sha256(String.join("\u0000", parts));
    }

    /** The incidents of a country on a day: what the aggregation re-reads for a marker. */
    public static String day(String country, LocalDate day) {
        return "D#" + country + "#" + day;
    }

    public static String dayMember(String id) {
        return "R#" + id;
    }

    public static String marker(String country, LocalDate day) {
        return country + "#" + day;
    }

    public static String figures(Area area) {
        return "G#" + area.key();
    }

    /** Part n of the report ids and sources of an area-day's figures computed from seq (docs/data-model.md). */
    public static String figureChunk(LocalDate day, long seq, int n) {
        return day + "#" + String.format("%010d#%03d", seq, n);
    }

    /** Part n of the finer areas' numbers of an area-day, kept apart from the day's own items. */
    public static String breakdownChunk(LocalDate day, long seq, int n) {
        return BREAKDOWN + figureChunk(day, seq, n);
    }

    public static final String BREAKDOWN = "B#";

    /** Period totals, stocks and territory changes of a country, by period start. */
    public static String nonIncidents(String country) {
        return "N#" + country;
    }

    public static String nonIncidentSort(StoredReport r) {
        return r.report().period().start() + "#" + r.id();
    }

    /** One-day reports and longer spans live in separate index partitions (see data-model.md). */
    public static String spanClass(StoredReport r) {
        return r.report().period().days() == 1 ? "D" : "S";
    }

    public static String indexSort(StoredReport r) {
        return r.report().period().start() + "#" + r.id();
    }

    public static String countryIndex(String country, String spanClass) {
        return country + "#" + spanClass;
    }

    public static String admin1Index(String admin1, String spanClass) {
        return admin1 + "#" + spanClass;
    }

    public static String admin2Index(String admin2, String spanClass) {
        return admin2 + "#" + spanClass;
    }

    public static Area unit(Place p) {
        return p.unit();
    }

    public static String sha256(String s) {
        return sha256(s.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
