package org.conflictledger.lambda;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.conflictledger.domain.Report;
import org.conflictledger.domain.Status;
import org.conflictledger.domain.StoredReport;
import org.conflictledger.domain.json.ReportJson;
import org.conflictledger.domain.json.ReportReader;
import org.conflictledger.domain.validation.ReportValidator;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The work every function's SnapStart priming does before the snapshot, so the first request
 * does not pay for it: the DynamoDB client and its connection, and the report JSON path.
 * Writes nothing.
 */
public final class Warmup {

    static final String SAMPLE = """
        {"scope": "incident", "source": {"kind": "monitor", "name": "priming", "publishedAt": "2024-11-29T18:00:00Z"},
         "period": {"start": "2024-11-28", "end": "2024-11-28"}, "datePrecision": "day",
         "place": {"country": "SYR", "admin1": "SY02", "admin2": "SY0200", "name": "Aleppo", "precision": "admin2"},
         "eventType": "battles", "subEventType": "armed_clash",
         "actors": [{"name": "priming", "type": "state_forces", "side": "a"}],
         "figures": [{"metric": "killed", "group": "civilians", "value": 1, "qualifier": "exact"}],
         "summary": "priming", "language": "en"}
        """;
    private static final Instant AT = Instant.parse("2025-01-01T00:00:00Z");

    private Warmup() {
    }

    /** One GetItem of a key that never exists. False when DynamoDB could not be reached. */
    public static boolean dynamo(DynamoDbClient db, String table) {
        try {
            db.getItem(b -> b.tableName(table)
                    .key(Map.of("pk", AttributeValue.fromS("PRIMING"), "sk", AttributeValue.fromS("PRIMING"))));
            return true;
        } catch (SdkException e) {
            return false;
        }
    }

    /** A sample report read, validated, written and read back. */
    public static boolean reportJson(Clock clock) {
        try {
            Report report = new ReportReader(new ReportValidator(clock)).read(SAMPLE.getBytes(StandardCharsets.UTF_8));
            StoredReport stored = new StoredReport("01JAAAAAAAAAAAAAAAAAAAAAAA", 1, Status.RECEIVED, "priming",
                    AT, AT, null, report);
            return ReportJson.read(ReportJson.write(stored)).equals(stored);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
