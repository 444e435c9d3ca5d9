package org.conflictledger.domain.imports;

import org.conflictledger.domain.json.ReportReader;

/** How one format's data row becomes an import row. */
abstract class Mapping {

    /** The import's context and the API's own report reader, for the formats whose rows are reports. */
    final ImportContext ctx;
    final ReportReader reader;

    Mapping(ImportContext ctx, ReportReader reader) {
        this.ctx = ctx;
        this.reader = reader;
    }

    abstract ImportRow map(long number, long endOffset, Row row);
}
