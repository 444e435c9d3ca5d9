package org.conflictledger.domain.figures;

import java.util.List;

/** Places that changed control in an area and window (docs/figures.md §5). */
public record TerritoryResult(long low, long best, long high, boolean atLeast, List<String> reports, int sources,
                              List<PlaceControl> places) {

    public TerritoryResult {
        reports = List.copyOf(reports);
        places = List.copyOf(places);
    }
}
