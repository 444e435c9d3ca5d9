package org.conflictledger.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.conflictledger.domain.EventType;
import org.conflictledger.domain.Metric;
import org.conflictledger.domain.validation.FieldError;
import org.conflictledger.domain.validation.InvalidInputException;
import org.junit.jupiter.api.Test;

/** The one reading of query strings that search, figures and the change feed share. */
class QueryParamsTest {

    static QueryParams query(Object... pairs) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            Object v = pairs[i + 1];
            @SuppressWarnings("unchecked")
            List<String> values = v instanceof List<?> l ? (List<String>) l : List.of((String) v);
            m.put((String) pairs[i], values);
        }
        return QueryParams.of(m, Set.of("country", "admin1", "from", "eventType", "metric", "limit"));
    }

    static List<FieldError> errors(QueryParams q) {
        return assertThrows(InvalidInputException.class, q::check).errors();
    }

    @Test
    void validValuesAreReadAndEmptyMeansAbsent() {
        QueryParams q = query("country", "SYR", "admin1", "", "from", "2024-11-27", "eventType", "battles,explosions_remote_violence",
                "metric", "killed", "limit", "25");
        assertEquals("SYR", q.country("country"));
        assertNull(q.pcode("admin1", "SY02"));
        assertEquals(LocalDate.of(2024, 11, 27), q.date("from", true));
        assertEquals(EnumSet.of(EventType.BATTLES, EventType.EXPLOSIONS_REMOTE_VIOLENCE), q.choices("eventType", EventType.class));
        assertEquals(Metric.KILLED, q.choice("metric", Metric.class));
        assertEquals(25, q.limit("limit", 50, 500));
        assertEquals(50, query().limit("limit", 50, 500));
        q.check();
        assertTrue(q.valid());
    }

    @Test
    void everyProblemIsCollectedAndNamedByItsParameter() {
        QueryParams q = query("country", "syr", "admin1", "sy02", "from", "+99999-01-01", "eventType", "battles,war",
                "metric", "deaths", "limit", "", "page", "2", "to", List.of("a", "b"));
        q.country("country");
        q.pcode("admin1", "SY02");
        q.date("from", true);
        q.choices("eventType", EventType.class);
        q.choice("metric", Metric.class);
        q.limit("limit", 50, 500);
        List<FieldError> errors = errors(q);
        assertEquals(List.of("page", "to", "country", "admin1", "from", "eventType", "metric", "limit"),
                errors.stream().map(FieldError::field).toList());
        assertEquals("unknown parameter; allowed: admin1, country, eventType, from, limit, metric", errors.get(0).message());
        assertEquals("must be an integer from 1 to 500", errors.get(7).message());
    }

    @Test
    void aRepeatedParameterAndAMissingRequiredDateAreErrors() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("limit", List.of("5", "6"));
        QueryParams q = QueryParams.of(m, Set.of("limit", "from"));
        q.date("from", true);
        List<FieldError> errors = errors(q);
        assertEquals("may be given once", errors.get(0).message());
        assertEquals("is required: a date YYYY-MM-DD", errors.get(1).message());
    }

    @Test
    void limitsTakeAsciiDigitsOnly() {
        for (String bad : List.of("+5", "0", "501", "٥", "1e2", "-1", "9999999999")) {
            QueryParams q = query("limit", bad);
            assertEquals(50, q.limit("limit", 50, 500), bad);
            assertEquals(1, errors(q).size(), bad);
        }
    }
}
