package org.conflictledger.domain.figures;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Lower median (docs/figures.md, "Terms"): the element at index (n - 1) / 2 of the sorted values.
 * Unlike the arithmetic median it is always a value some source reported, and the more
 * conservative of the two middle values.
 */
public final class LowerMedian {

    private LowerMedian() {
    }

    public static long lowerMedian(Collection<Long> values) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("lower median of no values");
        }
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get((sorted.size() - 1) / 2);
    }
}
