package org.conflictledger.domain.imports;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.conflictledger.domain.Report;
import org.conflictledger.domain.Source;

/** The sample files of docs/samples/imports and small helpers to read files through {@link ImportReader}. */
final class ImportFixtures {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-15T00:00:00Z"), ZoneOffset.UTC);

    private static Gazetteer syria;

    private ImportFixtures() {
    }

    static Path sample(String name) {
        // domain cannot depend on test-support (it depends on domain): find the checkout's root here.
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("docs/samples/imports"))) {
                return dir.resolve("docs/samples/imports").resolve(name);
            }
        }
        throw new IllegalStateException("docs/samples/imports not found above the working directory");
    }

    static byte[] bytes(String sample) {
        try {
            return Files.readAllBytes(sample(sample));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static synchronized Gazetteer syria() {
        if (syria == null) {
            try (InputStream in = Files.newInputStream(sample("gazetteer-SYR.csv"))) {
                syria = Gazetteer.parse("SYR", in);
            } catch (IOException | ImportFileException e) {
                throw new IllegalStateException(e);
            }
        }
        return syria;
    }

    static ImportContext context() {
        return new ImportContext(null, syria(), CLOCK);
    }

    static ImportContext context(Source defaultSource) {
        return new ImportContext(defaultSource, syria(), CLOCK);
    }

    static List<ImportRow> read(ImportFormat f, byte[] file, ImportContext ctx) throws ImportFileException {
        List<ImportRow> rows = new ArrayList<>();
        try (ImportReader r = ImportReader.open(f, new ByteArrayInputStream(file), ctx)) {
            r.forEachRemaining(rows::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    static List<ImportRow> read(ImportFormat f, String file) throws ImportFileException {
        return read(f, file.getBytes(StandardCharsets.UTF_8), context());
    }

    static List<ImportRow> readSample(ImportFormat f, String sample) throws ImportFileException {
        return read(f, bytes(sample), context());
    }

    /** The row's report, failing the test with the row's errors when it was rejected. */
    static Report report(ImportRow r) {
        assertTrue(r.errors().isEmpty(), () -> "rejected: " + r.errors());
        assertNotNull(r.report());
        return r.report();
    }

    /** A check that the row was rejected with an error on this field. */
    static Consumer<ImportRow> rejectedOn(String field) {
        return r -> {
            assertNull(r.report(), "the row must be rejected");
            assertTrue(r.errors().stream().anyMatch(e -> e.field().equals(field)), () -> field + " not in " + r.errors());
        };
    }
}
