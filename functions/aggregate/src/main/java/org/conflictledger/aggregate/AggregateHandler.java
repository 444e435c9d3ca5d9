package org.conflictledger.aggregate;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.conflictledger.domain.validation.InvalidInputException;
import org.conflictledger.lambda.Emf;
import org.conflictledger.store.StorageUnavailableException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The scheduled aggregation. Input is read as a plain map: EventBridge's "Scheduled Event"
 * envelope (whose detail-type the library's ScheduledEvent loses under Quarkus), the Scheduler's
 * bare {}, or {"mode": "rebuild", "from": "YYYY-MM-DD", "to": "YYYY-MM-DD"}.
 */
@Named("aggregate")
@jakarta.inject.Singleton
public class AggregateHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final Logger LOG = Logger.getLogger(AggregateHandler.class);

    @Inject
    Aggregator aggregator;

    @Inject
    Clock clock;

    /** Time kept back from Lambda's deadline to store what was computed and reply. */
    @ConfigProperty(name = "ledger.aggregate.safety-margin", defaultValue = "PT20S")
    Duration safetyMargin;

    /** Budget when no Lambda deadline is known (local runs). */
    @ConfigProperty(name = "ledger.aggregate.budget", defaultValue = "PT60S")
    Duration budget;

    PrintStream metricsOut = System.out;

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Map<String, Object> in = event == null ? Map.of() : event;
        Instant now = clock.instant();
        Instant deadline = context != null && context.getRemainingTimeInMillis() > 0
                ? now.plusMillis(context.getRemainingTimeInMillis()).minus(safetyMargin)
                : now.plus(budget);
        Map<String, Object> reply = new LinkedHashMap<>();
        try {
            String mode = in.get("mode") == null ? "incremental" : in.get("mode").toString();
            Aggregator.Summary s = switch (mode) {
                case "rebuild" -> aggregator.rebuild(date(in, "from"), date(in, "to"), deadline);
                case "incremental" -> aggregator.run(deadline);
                default -> throw new InvalidInputException("mode", "must be 'rebuild' or absent");
            };
            reply.put("status", "ok");
            reply.put("trigger", in.getOrDefault("detail-type", in.containsKey("mode") ? "manual" : "schedule"));
            reply.put("mode", s.mode());
            reply.put("partitionsRecomputed", s.partitionsRecomputed());
            reply.put("reportsRead", s.reportsRead());
            reply.put("markersCleared", s.markersCleared());
            reply.put("markersKept", s.markersKept());
            reply.put("backlogLeft", s.backlogLeft());
            reply.put("durationMs", s.durationMs());
            reply.put("lagSeconds", s.lagSeconds());
            reply.put("daysFailed", s.daysFailed());
            Emf.emit(metricsOut, System.getenv().getOrDefault("AWS_LAMBDA_FUNCTION_NAME", "aggregate"),
                    Map.of("PartitionsRecomputed", s.partitionsRecomputed(), "AggregationLagSeconds", s.lagSeconds(),
                            "AggregationDurationMs", s.durationMs(), "AggregationDaysFailed", s.daysFailed()),
                    Map.of("AggregationLagSeconds", "Seconds", "AggregationDurationMs", "Milliseconds"));
            LOG.infof("aggregation %s: %d partitions, %d reports, %d markers kept, %d days failed, backlog %s, %d ms",
                    s.mode(), s.partitionsRecomputed(), s.reportsRead(), s.markersKept(), s.daysFailed(),
                    s.backlogLeft(), s.durationMs());
            if (s.daysFailedOnStorage() > 0) {
                // The other days are stored; failing the invocation lets Lambda's retry come sooner
                // than the next tick for a storage hiccup. Other failures (a day DynamoDB refuses)
                // would fail the same way again: the metric and its alarm report them.
                throw new StorageUnavailableException(s.daysFailedOnStorage()
                        + " day(s) failed on storage and stay marked; the other days were stored", null);
            }
        } catch (InvalidInputException e) {
            reply.put("status", "rejected");
            reply.put("errors", e.errors());
        } catch (StorageUnavailableException e) {
            // The schedule retries; markers stay until a run stores their figures.
            LOG.warnf("aggregation interrupted by storage: %s", e.getMessage());
            throw e;
        }
        return reply;
    }

    private static LocalDate date(Map<String, Object> in, String field) {
        Object v = in.get(field);
        if (v == null) {
            throw new InvalidInputException(field, "is required for a rebuild (YYYY-MM-DD)");
        }
        try {
            return LocalDate.parse(v.toString());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "must be a date (YYYY-MM-DD)");
        }
    }
}
