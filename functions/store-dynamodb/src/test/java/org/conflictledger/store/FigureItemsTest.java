package org.conflictledger.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.conflictledger.domain.Area;
import org.conflictledger.domain.Group;
import org.conflictledger.domain.Metric;
import org.conflictledger.domain.figures.AreaDay;
import org.conflictledger.domain.figures.FigureKey;
import org.conflictledger.domain.figures.Tally;
import org.junit.jupiter.api.Test;

/**
 * An area-day's figures as a head plus parts bounded at {@link FigureItems#PART_BYTES}
 * (docs/data-model.md, "Bounded items"): where the split falls, and that the parts join back.
 */
class FigureItemsTest {

    static final LocalDate DAY = LocalDate.parse("2024-11-27");
    static final Area SYRIA = Area.country("SYR");

    /** {@code count} distinct report ids of {@code length} characters. */
    static TreeSet<String> ids(int count, int length) {
        TreeSet<String> out = new TreeSet<>();
        for (int i = 0; i < count; i++) {
            out.add(String.format("r%0" + (length - 1) + "d", i));
        }
        return out;
    }

    static AreaDay killed(Area area, long best, TreeSet<String> reports, TreeSet<String> sources) {
        SortedMap<FigureKey, Tally> f = new TreeMap<>();
        f.put(new FigureKey(Metric.KILLED, Group.ALL), new Tally(best, best, best, false, reports, sources, false));
        return new AreaDay(area, DAY, f);
    }

    @Test
    void idsFillOnePartUpToTheBoundAndSplitOneEntryPastIt() {
        // Each id is stored once as ["<row bits>","<id>"] plus a separator: 91 + 9 = 100 bytes.
        FigureItems.Encoded atBound = FigureItems.encode(killed(SYRIA, 5, ids(1000, 91), new TreeSet<>()), List.of());
        FigureItems.Encoded past = FigureItems.encode(killed(SYRIA, 5, ids(1001, 91), new TreeSet<>()), List.of());

        assertEquals(1000 * 100, FigureItems.PART_BYTES);
        assertEquals(1, atBound.parts().size());
        assertEquals(2, past.parts().size());
        assertEquals(ids(1000, 91), FigureItems.decode(past.num(), past.parts().subList(0, 1))
                .get(new FigureKey(Metric.KILLED, Group.ALL)).reports());
        assertEquals(atBound.num(), past.num());
    }

    @Test
    void manyRowsIdsAndSourcesSplitIntoBoundedPartsAndJoinBackExactly() {
        SortedMap<FigureKey, Tally> f = new TreeMap<>();
        TreeSet<String> all = ids(3000, 60);
        TreeSet<String> civilians = new TreeSet<>(all.headSet(String.format("r%059d", 2000)));
        TreeSet<String> sources = new TreeSet<>(List.of("monitor|sohr", "media|x", "un_agency|ocha"));
        f.put(new FigureKey(Metric.KILLED, Group.ALL), new Tally(100, 120, 150, true, all, sources, true));
        f.put(new FigureKey(Metric.KILLED, Group.CIVILIANS), new Tally(40, 40, 40, false, civilians,
                new TreeSet<>(List.of("media|x")), false));
        f.put(new FigureKey(Metric.DISPLACED, Group.CHILDREN), new Tally(0, 7, 9, false, new TreeSet<>(List.of("r-x")),
                new TreeSet<>(), false));
        AreaDay day = new AreaDay(SYRIA, DAY, f);

        FigureItems.Encoded e = FigureItems.encode(day, List.of());

        assertEquals(3, e.parts().size());
        for (String part : e.parts()) {
            assertTrue(part.getBytes(StandardCharsets.UTF_8).length <= FigureItems.PART_BYTES + 100, part.length() + "");
        }
        assertEquals(f, FigureItems.decode(e.num(), e.parts()));
    }

    @Test
    void finerAreasNumbersArePackedUnderTheBoundAndReadBackForTheUnitsWanted() {
        // Long unit codes: a few hundred finer areas fill more than one part.
        List<AreaDay> finer = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            finer.add(killed(new Area("SYR", "SY02", String.format("SY02%0196d", i)), i, new TreeSet<>(List.of("r" + i)),
                    new TreeSet<>()));
        }

        FigureItems.Encoded e = FigureItems.encode(killed(SYRIA, 1, ids(1, 10), new TreeSet<>()), finer);

        assertTrue(e.breakdown().size() > 1, "parts: " + e.breakdown().size());
        for (String part : e.breakdown()) {
            assertTrue(part.getBytes(StandardCharsets.UTF_8).length <= FigureItems.PART_BYTES + 100);
        }
        List<AreaDay> back = FigureItems.decodeBreakdown(DAY, e.breakdown(), unit -> true);
        assertEquals(500, back.size());
        for (int i = 0; i < 500; i++) {
            assertEquals(finer.get(i).area(), back.get(i).area());
            Tally t = back.get(i).figures().get(new FigureKey(Metric.KILLED, Group.ALL));
            assertEquals(List.of((long) i, (long) i, (long) i), List.of(t.low(), t.best(), t.high()));
            assertEquals(List.of(), List.copyOf(t.reports()), "numbers only: coverage needs the sums");
        }
        Area last = finer.get(499).area();
        assertEquals(List.of(last), FigureItems.decodeBreakdown(DAY, e.breakdown(), last.key()::equals).stream()
                .map(AreaDay::area).toList());
    }
}
