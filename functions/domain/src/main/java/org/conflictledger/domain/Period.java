package org.conflictledger.domain;

import java.time.LocalDate;

/** Inclusive days [start, end]. */
public record Period(LocalDate start, LocalDate end) {

    public boolean overlaps(LocalDate from, LocalDate to) {
        return !start.isAfter(to) && !end.isBefore(from);
    }

    public boolean within(LocalDate from, LocalDate to) {
        return !from.isAfter(start) && !end.isAfter(to);
    }

    public long days() {
        return end.toEpochDay() - start.toEpochDay() + 1;
    }
}
