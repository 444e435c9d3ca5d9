package org.conflictledger.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.conflictledger.testing.ApiContract;
import org.conflictledger.testing.SamTemplate;
import org.junit.jupiter.api.Test;

/** The aggregation schedule, its dead-letter queue, and the alarms on every moving part. */
class ScheduleAndAlarmsTest {

    private final SamTemplate template = SamTemplate.load();

    @Test
    void scheduleInvokesTheAggregateAliasWithRetriesAndADeadLetterQueue() {
        JsonNode s = template.properties(template.onlyResourceOfType("AWS::Scheduler::Schedule"));
        assertEquals("AggregationRate", SamTemplate.refTarget(s.path("ScheduleExpression")));
        assertEquals("rate(5 minutes)", template.root().path("Parameters").path("AggregationRate").path("Default").asText());
        JsonNode target = s.path("Target");
        assertEquals("AggregateFunction.Alias", SamTemplate.refTarget(target.path("Arn")));
        assertEquals("{}", target.path("Input").asText());
        assertTrue(target.path("RetryPolicy").path("MaximumRetryAttempts").isInt());
        String dlq = SamTemplate.render(target.path("DeadLetterConfig").path("Arn"));
        assertEquals("${AggregateDeadLetterQueue.Arn}", dlq);
    }

    @Test
    void errorsAndThrottlesAlarmForEveryFunction() {
        Set<String> want = new TreeSet<>();
        for (String f : ApiContract.FUNCTIONS) {
            want.add(SamTemplate.functionLogicalId(f) + " Errors");
            want.add(SamTemplate.functionLogicalId(f) + " Throttles");
        }
        Set<String> got = new TreeSet<>();
        for (String id : template.resourcesOfType("AWS::CloudWatch::Alarm")) {
            JsonNode a = template.properties(id);
            if ("AWS/Lambda".equals(a.path("Namespace").asText())) {
                got.add(SamTemplate.refTarget(a.path("Dimensions").get(0).path("Value")) + " " + a.path("MetricName").asText());
            }
        }
        assertEquals(want, got);
    }

    @Test
    void deadLetterQueueAlarms() {
        // The schedule's queue and the import function's (docs/imports.md): each alarms on its first message.
        assertEquals(List.of("AggregateDeadLetterQueue", "ImportDeadLetterQueue"),
                template.resourcesOfType("AWS::SQS::Queue").stream().sorted().toList());
        for (String queue : template.resourcesOfType("AWS::SQS::Queue")) {
            assertTrue(template.resourcesOfType("AWS::CloudWatch::Alarm").stream().map(template::properties).anyMatch(a ->
                    "AWS/SQS".equals(a.path("Namespace").asText())
                            && "ApproximateNumberOfMessagesVisible".equals(a.path("MetricName").asText())
                            && ("${" + queue + ".QueueName}").equals(SamTemplate.render(a.path("Dimensions").get(0).path("Value")))
                            && a.path("Threshold").asDouble() == 0
                            && "GreaterThanThreshold".equals(a.path("ComparisonOperator").asText())), queue);
        }
    }

    @Test
    void aggregationStalenessAlarmTreatsMissingDataAsBreaching() {
        JsonNode a = template.resourcesOfType("AWS::CloudWatch::Alarm").stream().map(template::properties)
                .filter(p -> "AggregationLagSeconds".equals(p.path("MetricName").asText()))
                .findFirst().orElseThrow();
        assertEquals("ConflictLedger", a.path("Namespace").asText());
        assertEquals("breaching", a.path("TreatMissingData").asText());
        assertEquals("AggregateFunction", SamTemplate.refTarget(a.path("Dimensions").get(0).path("Value")));
        assertEquals(900, template.root().path("Parameters").path("AggregationStaleAfterSeconds").path("Default").asInt(),
                "3 x the default 5-minute rate");
    }

    @Test
    void aCountryDayThatFailsToAggregateAlarms() {
        // the metric the aggregate function emits after every run (issue 12, item 2)
        JsonNode a = template.resourcesOfType("AWS::CloudWatch::Alarm").stream().map(template::properties)
                .filter(p -> "AggregationDaysFailed".equals(p.path("MetricName").asText()))
                .findFirst().orElseThrow();
        assertEquals("ConflictLedger", a.path("Namespace").asText());
        assertEquals("AggregateFunction", SamTemplate.refTarget(a.path("Dimensions").get(0).path("Value")));
        assertEquals("Sum", a.path("Statistic").asText());
        assertEquals(1, a.path("Threshold").asDouble());
        assertEquals("GreaterThanOrEqualToThreshold", a.path("ComparisonOperator").asText());
    }

    @Test
    void everyAlarmNotifies() {
        for (String id : template.resourcesOfType("AWS::CloudWatch::Alarm")) {
            assertFalse(template.properties(id).path("AlarmActions").isEmpty(), id);
        }
    }

    @Test
    void outputs() {
        assertFalse(template.root().path("Outputs").path("ApiUrl").isMissingNode());
        assertFalse(template.root().path("Outputs").path("TableName").isMissingNode());
    }

    /** Short-form tags (!Ref, !Sub, ...) would break plain YAML parsers; only long forms are used. */
    @Test
    void onlyLongFormIntrinsics() {
        Pattern shortTag = Pattern.compile("(^|[\\s\\[,:])!(Ref|GetAtt|Sub|Join|If|Not|Equals|And|Or|Select|Split"
                + "|FindInMap|Base64|Cidr|ImportValue|GetAZs|Condition|Transform)\\b");
        String[] lines = template.text().split("\n");
        for (int i = 0; i < lines.length; i++) {
            String code = lines[i].replaceAll("\\s#.*$", "");
            if (!code.stripLeading().startsWith("#")) {
                assertFalse(shortTag.matcher(code).find(), "line " + (i + 1) + ": " + lines[i]);
            }
        }
    }
}
