package org.conflictledger.core.domain;

/** One number a source gave, for one (metric, group). */
public record Figure(Metric metric, Group group, Long value, Qualifier qualifier, String text) {
}
