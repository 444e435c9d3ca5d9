package org.conflictledger.domain.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.conflictledger.domain.Scope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The sample files of docs/samples/imports read as docs/imports.md says (they also feed `make import`). */
class SamplesTest {

    @ParameterizedTest(name = "{1}")
    @CsvSource({"acled, acled-syria.csv, 10, 1", "acled-deletions, acled-deletions.csv, 2, 0",
            "ucdp-ged, ucdp-ged-syria.csv, 5, 1", "hxl, hxl-export.csv, 4, 0"})
    void everyRowOfEverySampleImports(String format, String sample, int rows, int warned) throws Exception {
        List<ImportRow> read = ImportFixtures.readSample(ImportFormat.fromWire(format).orElseThrow(), sample);
        assertEquals(rows, read.size());
        assertTrue(read.stream().noneMatch(ImportRow::rejected), () -> read.stream().filter(ImportRow::rejected)
                .map(r -> r.number() + ": " + r.errors()).toList().toString());
        assertEquals(warned, read.stream().filter(r -> !r.warnings().isEmpty()).count());
        assertEquals(ImportFixtures.bytes(sample).length, read.get(read.size() - 1).endOffset(),
                "the last row ends where the file ends");
        assertEquals(read.size(), read.stream().map(ImportRow::externalId).distinct().count(), "one id per row");
    }

    /** Reading a file again gives equal rows: an import of the same file finds every report unchanged. */
    @ParameterizedTest(name = "{1}")
    @CsvSource({"acled, acled-syria.csv", "ucdp-ged, ucdp-ged-syria.csv", "hxl, hxl-export.csv"})
    void readingAgainGivesEqualReports(String format, String sample) throws Exception {
        ImportFormat f = ImportFormat.fromWire(format).orElseThrow();
        assertEquals(ImportFixtures.readSample(f, sample), ImportFixtures.readSample(f, sample));
    }

    @Test
    void theDeletionsNameReportsOfTheAcledSample() throws Exception {
        Set<String> imported = ImportFixtures.readSample(ImportFormat.ACLED, "acled-syria.csv").stream()
                .map(ImportRow::externalId).collect(Collectors.toSet());
        List<ImportRow> deletions = ImportFixtures.readSample(ImportFormat.ACLED_DELETIONS, "acled-deletions.csv");
        assertEquals(List.of(new Deletion("acled:SYR900004", Instant.ofEpochSecond(1733443200)),
                new Deletion("acled:SYR900009", Instant.ofEpochSecond(1733443200))),
                deletions.stream().map(ImportRow::deletion).toList());
        assertTrue(imported.containsAll(deletions.stream().map(ImportRow::externalId).toList()));
    }

    @Test
    void ucdpEventsOverSeveralDaysArePeriodTotals() throws Exception {
        List<ImportRow> rows = ImportFixtures.readSample(ImportFormat.UCDP_GED, "ucdp-ged-syria.csv");
        assertEquals(List.of(Scope.INCIDENT, Scope.PERIOD_TOTAL, Scope.INCIDENT, Scope.PERIOD_TOTAL, Scope.INCIDENT),
                rows.stream().map(r -> r.report().scope()).toList());
    }

    @Test
    void formatsHaveTheirWireNames() {
        assertEquals(List.of("acled", "acled-deletions", "ucdp-ged", "hxl"),
                Arrays.stream(ImportFormat.values()).map(ImportFormat::wire).toList());
        assertEquals(Optional.empty(), ImportFormat.fromWire("csv"));
    }
}
