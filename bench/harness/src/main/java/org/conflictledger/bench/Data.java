package org.conflictledger.bench;

import com.github.f4b6a3.ulid.UlidCreator;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Random;
import org.conflictledger.domain.Report;
import org.conflictledger.domain.Status;
import org.conflictledger.domain.StoredReport;
import org.conflictledger.domain.json.ReportReader;
import org.conflictledger.domain.validation.ReportValidator;
import org.conflictledger.store.IdempotencyRecord;
import org.conflictledger.store.Keys;

/**
 * Synthetic reports: incidents spread over a year (2024) and the 14 admin1 areas of Syria
 * (SY01..SY14, five admin2 each), 20 sources, as submit would store them (read and validated
 * by core's ReportReader, with the idempotency record submit claims).
 */
final class Data {

    static final LocalDate FROM = LocalDate.of(2024, 1, 1);
    static final LocalDate TO = LocalDate.of(2024, 12, 31);
    private static final String[] KINDS = {"monitor", "un_agency", "ngo", "media", "witness"};

    private final Random random;
    private final ReportReader reader = new ReportReader(new ReportValidator(Clock.systemUTC()));

    Data(long seed) {
        this.random = new Random(seed);
    }

    /** A report body as a client would send it; {@code tag} makes it unique. */
    String body(String tag) {
        LocalDate day = FROM.plusDays(random.nextInt((int) (TO.toEpochDay() - FROM.toEpochDay() + 1)));
        int a1 = 1 + random.nextInt(14);
        int a2 = random.nextInt(5);
        int source = random.nextInt(20);
        return """
            {"scope": "incident",
             "source": {"kind": "%s", "name": "Source %d", "publishedAt": "%sT20:00:00Z", "protected": false},
             "period": {"start": "%s", "end": "%s"}, "datePrecision": "day",
             "place": {"country": "SYR", "admin1": "SY%02d", "admin2": "SY%02d%02d", "name": "Place %d",
                       "lat": 36.2, "lon": 37.1, "precision": "admin2"},
             "eventType": "explosions_remote_violence", "subEventType": "air_drone_strike",
             "actors": [{"name": "Actor %d", "type": "state_forces", "side": "a"}],
             "figures": [{"metric": "killed", "group": "civilians", "value": %d, "qualifier": "exact"}],
             "summary": "benchmark report %s", "language": "en"}
            """.formatted(KINDS[source % KINDS.length], source, day, day, day, a1, a1, a2, a2,
                random.nextInt(5), 1 + random.nextInt(30), tag);
    }

    /** What submit stores for a new report: revision 1, received, and its idempotency claim. */
    Stored stored(String tag) {
        byte[] body = body(tag).getBytes(StandardCharsets.UTF_8);
        Report report = reader.read(body);
        Instant now = Instant.now();
        String sub = "bench-reporter";
        StoredReport r = new StoredReport(UlidCreator.getMonotonicUlid().toString(), 1, Status.RECEIVED, sub,
                now, now, null, report);
        String hash = Keys.sha256(body);
        IdempotencyRecord claim = new IdempotencyRecord(Keys.idempotency("create-body", sub, hash), hash,
                r.id(), 1, null, now.getEpochSecond() + 24 * 3600);
        return new Stored(r, claim);
    }

    record Stored(StoredReport report, IdempotencyRecord claim) {
    }
}
