package org.conflictledger.domain.figures;

import java.util.Comparator;
import org.conflictledger.domain.Group;
import org.conflictledger.domain.Metric;

/** One (metric, group): every figure is reconciled per key. Ordered by metric, then group. */
public record FigureKey(Metric metric, Group group) implements Comparable<FigureKey> {

    private static final Comparator<FigureKey> ORDER =
            Comparator.comparing(FigureKey::metric).thenComparing(FigureKey::group);

    public FigureKey {
        if (metric == null || group == null) {
            throw new IllegalArgumentException("metric and group are required");
        }
    }

    @Override
    public int compareTo(FigureKey o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return metric + "/" + group;
    }
}
