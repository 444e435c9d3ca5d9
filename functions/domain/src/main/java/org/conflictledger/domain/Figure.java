package org.conflictledger.domain;


/**
 * One number a source gave, for one (metric, group). {@code low} and {@code high} are the source's
 * own range when it publishes one (UCDP's low/best/high, Airwars' or Iraq Body Count's minimum and
 * maximum): optional, {@code low <= value <= high}; {@code value} is the source's best figure.
 */
public record Figure(Metric metric, Group group, Long value, Long low, Long high, Qualifier qualifier, String text) {

    /** A figure without a range of its own. */
    public Figure(Metric metric, Group group, Long value, Qualifier qualifier, String text) {
        this(metric, group, value, null, null, qualifier, text);
    }
}
