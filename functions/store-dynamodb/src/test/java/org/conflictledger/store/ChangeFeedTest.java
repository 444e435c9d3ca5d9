package org.conflictledger.store;

import static org.conflictledger.store.StoreTable.s;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.conflictledger.domain.Change;
import org.conflictledger.domain.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * ChangeFeed's access pattern (docs/data-model.md, "Change feed"): entries older than an hour from
 * the byFeed index in one Query, the last hour from the month partitions with consistent Queries.
 * The byFeed index is one partition for the whole table, so each test lives in its own year and
 * reads from that year on with a clock in it: the settle line keeps later years out.
 */
class ChangeFeedTest {

    @RegisterExtension
    static final StoreTable TABLE = new StoreTable("feed");

    /** A feed entry as the write path stores it (docs/data-model.md, "change feed"). */
    static Map<String, AttributeValue> entry(Change c) {
        String sort = Keys.feedSort(c.at(), c.id(), c.revision());
        Map<String, AttributeValue> item = StoreTable.strings("pk", Keys.feedPartition(c.at()), "sk", sort,
                "fpk", "F", "fsk", sort, "id", c.id(), "status", c.status().toString(),
                "change", c.change().toString(), "at", c.at().toString(), "by", "user-1");
        item.put("rev", StoreTable.n(c.revision()));
        return item;
    }

    static Change change(String at, String id) {
        return new Change(id, 1, Status.RECEIVED, Change.Kind.CREATED, Instant.parse(at));
    }

    static ChangeFeed feed(String now) {
        return new ChangeFeed(TABLE.client(), TABLE.name(), Clock.fixed(Instant.parse(now), ZoneOffset.UTC));
    }

    /** The byFeed Query: strictly after {@code low} (BETWEEN is inclusive: low + " "), up to the settle line. */
    static QueryRequest index(String low, String settled, int limit) {
        Map<String, String> names = new HashMap<>();
        for (String a : List.of("fpk", "fsk", "id", "rev", "status", "change", "at")) {
            names.put("#" + a, a);
        }
        return QueryRequest.builder().tableName(TABLE.name()).indexName(LedgerTable.BY_FEED)
                .keyConditionExpression("#fpk = :fpk AND #fsk BETWEEN :low AND :settled")
                .expressionAttributeNames(names)
                .expressionAttributeValues(Map.of(":fpk", s("F"), ":low", s(low + " "), ":settled", s(settled)))
                .projectionExpression("#fsk, #id, #rev, #status, #change, #at")
                .limit(limit)
                .build();
    }

    /** A month partition's consistent Query, strictly after {@code after} (null: the whole month). */
    static QueryRequest month(String month, String after, int limit) {
        Map<String, String> names = new HashMap<>(Map.of("#pk", "pk"));
        for (String a : List.of("sk", "id", "rev", "status", "change", "at")) {
            names.put("#" + a, a);
        }
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", s("F#" + month)));
        if (after != null) {
            values.put(":after", s(after));
        }
        return QueryRequest.builder().tableName(TABLE.name())
                .keyConditionExpression(after == null ? "#pk = :pk" : "#pk = :pk AND #sk > :after")
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .projectionExpression("#sk, #id, #rev, #status, #change, #at")
                .consistentRead(true)
                .limit(limit)
                .build();
    }

    @Test
    void sinceTheEpochOneIndexQueryFindsEveryChangeInTimeOrderAcrossMonths() {
        Change jan = change("2001-01-10T08:00:00Z", Heads.id(1));
        Change marchA = change("2001-03-10T10:00:00Z", Heads.id(2));
        Change marchB = new Change(Heads.id(3), 2, Status.ACCEPTED, Change.Kind.REVIEWED,
                Instant.parse("2001-03-10T10:00:00Z"));
        Change july = new Change(Heads.id(4), 3, Status.RETRACTED, Change.Kind.RETRACTED,
                Instant.parse("2001-07-01T12:00:00.123456Z"));
        TABLE.put(entry(july), entry(marchB), entry(marchA), entry(jan));  // written out of order

        ChangeFeed.Page page = feed("2001-09-15T12:00:00Z").page(
                ChangeFeed.Position.after(Instant.parse("1970-01-01T00:00:00Z")), 10);

        assertEquals(List.of(jan, marchA, marchB, july), page.items());
        assertEquals(resumeAfter(july), page.next());  // the end of the feed: poll from here
        assertEquals(2, page.queries());
        assertEquals(List.of(
                        index("1970-01-01T00:00:00.000000Z#~", "2001-09-15T11:00:00.000000Z", 10),
                        month("2001-09", "2001-09-15T11:00:00.000000Z", 6)),
                TABLE.requests());
    }

    @Test
    void theLastHourComesFromTheMonthPartitionsWithConsistentReadsAcrossAMonthBoundary() {
        Change settled = change("2003-11-30T20:00:00Z", Heads.id(10));
        Change november = change("2003-11-30T23:45:00Z", Heads.id(11));
        Change december = change("2003-12-01T00:10:00Z", Heads.id(12));
        TABLE.put(entry(settled), entry(november), entry(december));

        ChangeFeed.Page page = feed("2003-12-01T00:30:00Z").page(
                ChangeFeed.Position.after(Instant.parse("2003-11-01T00:00:00Z")), 10);

        assertEquals(List.of(settled, november, december), page.items());
        assertEquals(resumeAfter(december), page.next());
        assertEquals(List.of(
                        index("2003-11-01T00:00:00.000000Z#~", "2003-11-30T23:30:00.000000Z", 10),
                        month("2003-11", "2003-11-30T23:30:00.000000Z", 9),
                        month("2003-12", null, 8)),
                TABLE.requests());
    }

    @Test
    void aFullPageEndsAtItsLastEntryAndTheNextReadsStrictlyAfterIt() {
        Change a = change("2005-01-05T00:00:00Z", Heads.id(20));
        Change b = change("2005-02-05T00:00:00Z", Heads.id(21));
        Change c = change("2005-02-05T00:00:00Z", Heads.id(22));  // same instant: the id orders
        TABLE.put(entry(a), entry(b), entry(c));
        ChangeFeed feed = feed("2005-06-01T00:00:00Z");

        ChangeFeed.Page first = feed.page(ChangeFeed.Position.after(Instant.parse("2005-01-01T00:00:00Z")), 2);

        assertEquals(List.of(a, b), first.items());
        String afterB = Keys.feedSort(b.at(), b.id(), 1);
        assertEquals(new ChangeFeed.Position(YearMonth.of(2005, 2), afterB), first.next());
        assertEquals(List.of(index("2005-01-01T00:00:00.000000Z#~", "2005-05-31T23:00:00.000000Z", 2)),
                TABLE.requests());

        TABLE.reset();
        ChangeFeed.Page second = feed.page(first.next(), 2);

        assertEquals(List.of(c), second.items());
        assertEquals(resumeAfter(c), second.next());
        assertEquals(List.of(
                        index(afterB, "2005-05-31T23:00:00.000000Z", 2),
                        month("2005-05", "2005-05-31T23:00:00.000000Z", 1),
                        month("2005-06", null, 1)),
                TABLE.requests());
    }

    @Test
    void anIndexReadCutAtOneMegabyteGoesOnFromItsLastEvaluatedKey() {
        List<Change> changes = List.of(change("2009-01-02T00:00:00Z", Heads.id(40)),
                change("2009-01-03T00:00:00Z", Heads.id(41)), change("2009-01-04T00:00:00Z", Heads.id(42)),
                change("2009-01-05T00:00:00Z", Heads.id(43)));
        for (Change c : changes) {
            Map<String, AttributeValue> item = entry(c);
            item.put("by", s("x".repeat(300_000)));  // DynamoDB reads whole items: three fill a megabyte
            TABLE.put(item);
        }

        ChangeFeed.Page page = feed("2009-06-01T00:00:00Z").page(
                ChangeFeed.Position.after(Instant.parse("2009-01-01T00:00:00Z")), 10);

        assertEquals(changes, page.items());
        assertEquals(resumeAfter(changes.get(3)), page.next());
        String third = Keys.feedSort(changes.get(2).at(), changes.get(2).id(), 1);
        String settled = "2009-05-31T23:00:00.000000Z";
        assertEquals(List.of(
                        index("2009-01-01T00:00:00.000000Z#~", settled, 10),
                        index("2009-01-01T00:00:00.000000Z#~", settled, 7).toBuilder().exclusiveStartKey(
                                StoreTable.strings("pk", "F#2009-01", "sk", third, "fpk", "F", "fsk", third)).build(),
                        month("2009-05", settled, 6),
                        month("2009-06", null, 6)),
                TABLE.requests());
    }

    @Test
    void nothingNewerIsOneConsistentQueryOfTheCurrentMonthAndAnEmptyPage() {
        Instant since = Instant.parse("2007-04-10T11:50:00Z");
        TABLE.put(entry(change("2007-04-10T11:50:00Z", Heads.id(30))));  // at `since`: not after it

        ChangeFeed.Page page = feed("2007-04-10T12:00:00Z").page(ChangeFeed.Position.after(since), 10);

        assertEquals(List.of(), page.items());
        assertEquals(ChangeFeed.Position.after(since), page.next());  // nothing read: where it began
        assertEquals(List.of(month("2007-04", "2007-04-10T11:50:00.000000Z#~", 10)), TABLE.requests());
    }

    /** Where a client polls from after the feed's last entry {@code c} (docs/api.md: the cursor is never null). */
    static ChangeFeed.Position resumeAfter(Change c) {
        return new ChangeFeed.Position(YearMonth.from(c.at().atOffset(ZoneOffset.UTC)),
                Keys.feedSort(c.at(), c.id(), c.revision()));
    }
}
