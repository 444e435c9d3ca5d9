package org.conflictledger.domain.imports;

import java.time.Clock;
import org.conflictledger.domain.Source;

/**
 * Context of one import: the source of every row for hxl files whose rows name none (may be null),
 * the gazetteer that turns admin names into p-codes, and the clock that validation uses.
 */
public record ImportContext(Source defaultSource, Gazetteer gazetteer, Clock clock) {

    public ImportContext {
        gazetteer = gazetteer == null ? Gazetteer.empty() : gazetteer;
        clock = clock == null ? Clock.systemUTC() : clock;
    }
}
