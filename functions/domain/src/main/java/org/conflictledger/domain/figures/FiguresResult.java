package org.conflictledger.domain.figures;

import java.util.List;

/** The figures of an area and window, sorted by (metric, group); territory is null when none. */
public record FiguresResult(List<FigureResult> figures, TerritoryResult territory) {

    public FiguresResult {
        figures = List.copyOf(figures);
    }
}
