package org.conflictledger.aggregate;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.conflictledger.domain.Actor;
import org.conflictledger.domain.ActorType;
import org.conflictledger.domain.Area;
import org.conflictledger.domain.Change;
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
import org.conflictledger.domain.Source;
import org.conflictledger.domain.SourceKind;
import org.conflictledger.domain.Status;
import org.conflictledger.domain.StoredReport;
import org.conflictledger.domain.figures.FigureKey;
import org.conflictledger.domain.figures.Tally;
import org.conflictledger.domain.json.Json;
import org.conflictledger.store.AggregationStore;
import org.conflictledger.store.ReportStore;
import org.conflictledger.testing.FaultInjector;
import org.conflictledger.testing.MotoResource;
import org.conflictledger.testing.RequestCounter;
import org.conflictledger.testing.Table;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Reports are written with the submit side's own ReportStore; runs go through the handler. */
abstract class AggregateTestBase {

    @Inject
    DynamoDbClient db;

    @Inject
    RequestCounter requests;

    @Inject
    FaultInjector faults;

    @Inject
    AggregationStore aggregation;

    ReportStore reports;
    int ids;

    @BeforeEach
    void cleanSlate() {
        Table.reset(db, MotoResource.TABLE);
        faults.disarm();
        requests.reset();
        reports = new ReportStore(db, MotoResource.TABLE, Clock.systemUTC());
    }

    @AfterEach
    void disarm() {
        faults.disarm();
    }

    /** Invokes the function with a raw event, as the schedule does. */
    static JsonNode invoke(String event) {
        String body = given().contentType(ContentType.JSON).body(event).post("/").then().statusCode(200).extract().asString();
        try {
            return Json.mapper().readTree(body);
        } catch (Exception e) {
            throw new AssertionError(body, e);
        }
    }

    static JsonNode scheduled() {
        return invoke("{\"version\":\"0\",\"detail-type\":\"Scheduled Event\",\"source\":\"aws.events\",\"detail\":{}}");
    }

    String nextId() {
        return String.format("01JDRZ5V7N3P2Q8R4S6T8V%04d", ++ids);
    }

    static Report incident(String day, String admin2, String source, String published, long civilians, String... actors) {
        return new Report(Scope.INCIDENT, null,
                new Source(SourceKind.MONITOR, source, null, Instant.parse(published), false),
                new Period(LocalDate.parse(day), LocalDate.parse(day)), DatePrecision.DAY,
                new Place("SYR", "SY02", admin2, null, "Aleppo city", null, null,
                        admin2 == null ? PlacePrecision.ADMIN1 : PlacePrecision.ADMIN2),
                EventType.EXPLOSIONS_REMOTE_VIOLENCE, null,
                Arrays.stream(actors.length == 0 ? new String[] {"Syrian Arab Air Force"} : actors)
                        .map(a -> new Actor(a, ActorType.STATE_FORCES, null)).toList(),
                List.of(new Figure(Metric.KILLED, Group.CIVILIANS, civilians, Qualifier.EXACT, null)),
                null, null, null, null, null);
    }

    StoredReport store(Report r) {
        Instant now = Instant.now();
        StoredReport s = new StoredReport(nextId(), 1, Status.RECEIVED, "reporter-1", now, now, null, r);
        reports.create(s, null);
        return s;
    }

    StoredReport change(StoredReport prev, Status status, Report report) {
        StoredReport next = prev.next(status, report, Instant.now(), null);
        reports.replace(prev, next, status == Status.RETRACTED ? Change.Kind.RETRACTED
                : Change.Kind.CORRECTED, null);
        return next;
    }

    /** Every stored figures item (heads and parts) but its computation time: what two runs must agree on. */
    List<String> storedFigures() {
        return Table.items(db, MotoResource.TABLE, "G#").stream()
                .map(i -> {
                    Map<String, String> attrs = new TreeMap<>();
                    i.forEach((k, v) -> {
                        if (!"at".equals(k)) {
                            attrs.put(k, v.toString());
                        }
                    });
                    return attrs.toString();
                })
                .sorted().toList();
    }

    /** Stored killed/civilians and killed/all of an area and day, as "low/best/high". */
    Map<String, String> figures(Area area, String day) {
        Map<String, String> out = new TreeMap<>();
        for (var d : aggregation.figures(area, LocalDate.parse(day), LocalDate.parse(day))) {
            d.figures().figures().forEach((FigureKey k, Tally t) ->
                    out.put(k.metric() + "/" + k.group(), t.low() + "/" + t.best() + "/" + t.high()));
        }
        return out;
    }
}
