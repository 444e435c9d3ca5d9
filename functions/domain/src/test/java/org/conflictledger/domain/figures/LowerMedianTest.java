package org.conflictledger.domain.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class LowerMedianTest {

    @Test
    void oddCountTakesTheMiddle() {
        assertEquals(12, LowerMedian.lowerMedian(List.of(30L, 10L, 12L)));
    }

    @Test
    void evenCountTakesTheLowerOfTheTwoMiddles() {
        assertEquals(10, LowerMedian.lowerMedian(List.of(12L, 10L)));
        assertEquals(20, LowerMedian.lowerMedian(List.of(40L, 10L, 20L, 30L)));
    }

    @Test
    void singleValueIsItself() {
        assertEquals(7, LowerMedian.lowerMedian(List.of(7L)));
    }

    @Test
    void noValuesIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> LowerMedian.lowerMedian(List.of()));
    }
}
