package org.conflictledger.domain.figures;

import java.time.LocalDate;

/**
 * A named place, the actor that most recently took it and the day it did (the end of that
 * report's period): docs/figures.md §5, the {@code places} of a figures response.
 */
public record PlaceControl(String place, String actor, LocalDate date) {
}
