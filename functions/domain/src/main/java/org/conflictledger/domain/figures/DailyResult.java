package org.conflictledger.domain.figures;

import java.time.LocalDate;
import java.util.List;

/** One day's reconciled incident figures. */
public record DailyResult(LocalDate day, List<FigureResult> figures) {

    public DailyResult {
        figures = List.copyOf(figures);
    }
}
