package org.conflictledger.domain.figures;

import java.time.LocalDate;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import org.conflictledger.domain.Area;

/** The stored incident figures of one area (country, admin1 or admin2) on one day. */
public record AreaDay(Area area, LocalDate day, SortedMap<FigureKey, Tally> figures) {

    public AreaDay {
        if (area == null || day == null) {
            throw new IllegalArgumentException("area and day are required");
        }
        figures = Collections.unmodifiableSortedMap(new TreeMap<>(figures == null ? Collections.emptyMap() : figures));
    }
}
