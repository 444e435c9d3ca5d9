package org.conflictledger.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.conflictledger.domain.Area;
import org.conflictledger.domain.Group;
import org.conflictledger.domain.Metric;
import org.conflictledger.domain.figures.FigureKey;
import org.conflictledger.domain.figures.Tally;
import org.junit.jupiter.api.Test;

class KeysAndCodecTest {

    @Test
    void feedKeysSortByTimeWhateverTheInstantsPrecision() {
        String a = Keys.feedSort(Instant.parse("2024-11-29T18:00:00Z"), "B", 1);
        String b = Keys.feedSort(Instant.parse("2024-11-29T18:00:00.5Z"), "A", 1);
        String c = Keys.feedSort(Instant.parse("2024-11-29T18:00:01Z"), "A", 1);
        assertTrue(a.compareTo(b) < 0 && b.compareTo(c) < 0, a + " " + b + " " + c);
        assertEquals("F#2024-11", Keys.feedPartition(Instant.parse("2024-11-30T23:59:59.999Z")));
    }

    @Test
    void revisionsSortNumerically() {
        assertTrue(Keys.revision(9).compareTo(Keys.revision(10)) < 0);
    }

    @Test
    void idempotencyKeysAreDigestsThatSeparateTheirParts() {
        String k = Keys.idempotency("create", "user-1", "abc");
        assertTrue(k.matches("I#[0-9a-f]{64}"), k);
        assertNotEquals(k, Keys.idempotency("create", "user-1a", "bc"));
        assertNotEquals(k, Keys.idempotency("create", "user-2", "abc"));
    }

    @Test
    void areaKeysRoundTrip() {
        for (Area a : List.of(Area.country("SYR"), new Area("SYR", "SY02", null), new Area("SYR", "SY02", "SY0200"))) {
            assertEquals(a, Area.fromKey(a.key()));
            assertEquals("G#" + a.key(), Keys.figures(a));
        }
        assertEquals("D#SYR#2024-11-28", Keys.day("SYR", LocalDate.of(2024, 11, 28)));
    }

    @Test
    void storedFiguresRoundTrip() {
        SortedMap<FigureKey, Tally> f = new TreeMap<>();
        f.put(new FigureKey(Metric.KILLED, Group.ALL), new Tally(10, 10, 12, true,
                new TreeSet<>(List.of("r1", "r2")), new TreeSet<>(List.of("monitor|sohr", "media|x")), true));
        f.put(new FigureKey(Metric.DISPLACED, Group.CHILDREN), new Tally(1, 2, 3, false, new TreeSet<>(), new TreeSet<>()));
        assertEquals(f, AggregationStore.decode(AggregationStore.encode(f)));
    }
}
