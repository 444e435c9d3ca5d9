package org.conflictledger.domain.figures;

import java.time.LocalDate;
import java.util.List;
import org.conflictledger.domain.Group;
import org.conflictledger.domain.Metric;

/**
 * One reconciled figure of an area and window. {@code basis}: {@code incidents},
 * {@code period_total}, {@code groups} or {@code stock}; {@code asOfDate} only for stocks, and
 * {@code asOfDateEarliest} only for a stock figure that sums units of different dates.
 */
public record FigureResult(
        Metric metric,
        Group group,
        long low,
        long best,
        long high,
        List<String> reports,
        int sources,
        String basis,
        boolean atLeast,
        LocalDate asOfDate,
        LocalDate asOfDateEarliest) {

    public FigureResult {
        reports = List.copyOf(reports);
    }

    public FigureKey key() {
        return new FigureKey(metric, group);
    }
}
