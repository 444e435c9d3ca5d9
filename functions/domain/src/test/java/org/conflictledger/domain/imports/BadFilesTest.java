package org.conflictledger.domain.imports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.conflictledger.domain.validation.FieldError;
import org.junit.jupiter.api.Test;

/** Issue 16 item 6, the file side: bad files get a clear answer, bad rows are rejected alone, reading resumes exactly. */
class BadFilesTest {

    private static final byte[] ACLED = ImportFixtures.bytes("acled-syria.csv");

    private static String acled(List<Map<String, String>> changes) {
        Map<String, String> base = Csv.firstRow("acled-syria.csv", 1);
        List<Map<String, String>> rows = new ArrayList<>();
        int i = 0;
        for (Map<String, String> c : changes) {
            Map<String, String> r = new HashMap<>(base);
            r.put("event_id_cnty", "SYR" + (++i));
            r.putAll(c);
            rows.add(r);
        }
        return Csv.file(AcledMapping.COLUMNS, rows);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static String fileError(ImportFormat f, byte[] file) {
        return assertThrows(ImportFileException.class, () -> ImportFixtures.read(f, file, ImportFixtures.context()))
                .getMessage();
    }

    @Test
    void aRowWithBytesThatAreNotUtf8IsRejectedAloneAndTheOthersImport() throws Exception {
        String text = acled(List.of(Map.of(), Map.of("notes", "Caf\u00e9 destroyed"), Map.of()));
        // the middle row as a Latin-1 editor would save it: é is the single byte E9
        byte[] latin1 = text.getBytes(StandardCharsets.ISO_8859_1);
        List<ImportRow> rows = ImportFixtures.read(ImportFormat.ACLED, latin1, ImportFixtures.context());
        assertEquals(3, rows.size());
        assertNotNull(rows.get(0).report());
        assertEquals(List.of(new FieldError("row", "the row has bytes that are not UTF-8 (the file must be UTF-8)")),
                rows.get(1).errors());
        assertEquals(2, rows.get(1).number());
        assertNotNull(rows.get(2).report());
    }

    @Test
    void aHeaderThatIsNotUtf8RejectsTheFile() {
        byte[] file = ("event_id_cnty,event_date,fatalities,timestamp,country,\u00e9v\u00e9nement\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertTrue(fileError(ImportFormat.ACLED, file).contains("not UTF-8"));
    }

    @Test
    void utf16FilesAreRejectedAsAWhole() {
        String text = new String(ACLED, StandardCharsets.UTF_8);
        assertTrue(fileError(ImportFormat.ACLED, text.getBytes(StandardCharsets.UTF_16)).contains("UTF-16"));
        assertTrue(fileError(ImportFormat.ACLED, text.getBytes(StandardCharsets.UTF_16LE)).contains("UTF-16"));
    }

    @Test
    void aUtf8ByteOrderMarkIsFineAndCountsInTheOffsets() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        List<ImportRow> plain = ImportFixtures.read(ImportFormat.ACLED, ACLED, ImportFixtures.context());
        List<ImportRow> withBom = ImportFixtures.read(ImportFormat.ACLED, concat(bom, ACLED), ImportFixtures.context());
        assertEquals(plain.size(), withBom.size());
        for (int i = 0; i < plain.size(); i++) {
            assertEquals(plain.get(i).report(), withBom.get(i).report());
            assertEquals(plain.get(i).endOffset() + 3, withBom.get(i).endOffset());
        }
    }

    @Test
    void missingRequiredColumnsAreNamed() {
        String header = String.join(",", AcledMapping.COLUMNS.stream().filter(c -> !c.equals("timestamp")
                && !c.equals("fatalities")).toList()) + "\r\n";
        String m = fileError(ImportFormat.ACLED, header.getBytes(StandardCharsets.UTF_8));
        assertEquals("not an ACLED export: the header has no column fatalities, timestamp", m);
    }

    @Test
    void aHeaderOfAnotherFormatIsNamed() {
        assertEquals("not an ACLED export: the header has no column event_id_cnty, event_date, event_type, fatalities,"
                + " timestamp (it looks like a UCDP GED file: format 'ucdp-ged')",
                fileError(ImportFormat.ACLED, ImportFixtures.bytes("ucdp-ged-syria.csv")));
        assertTrue(fileError(ImportFormat.UCDP_GED, ACLED).endsWith("(it looks like an ACLED export: format 'acled')"));
        assertTrue(fileError(ImportFormat.ACLED_DELETIONS, ACLED).contains("no column deleted_timestamp"));
        assertTrue(fileError(ImportFormat.ACLED, ImportFixtures.bytes("hxl-export.csv")).contains("format 'hxl'"));
        assertTrue(fileError(ImportFormat.HXL, ACLED).startsWith("not an HXL file: no row of HXL hashtags"));
        assertEquals("the file is empty", fileError(ImportFormat.ACLED, new byte[0]));
    }

    @Test
    void anHxlFileWithoutAnIdColumnIsRejected() {
        String file = "#date,#event+type,#country+code\r\n2024-11-28,battles,SYR\r\n";
        assertEquals("the HXL file has no #event+id column", fileError(ImportFormat.HXL, file.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void quotedLineBreaksStayInsideTheirField() throws Exception {
        String notes = "Line one,\r\nline \"two\"\nline three";
        List<ImportRow> rows = ImportFixtures.read(ImportFormat.ACLED, acled(List.of(Map.of(), Map.of("notes", notes),
                Map.of("location", "Tal\nRifaat"))));
        assertEquals(3, rows.size());
        assertEquals(List.of(1L, 2L, 3L), rows.stream().map(ImportRow::number).toList());
        assertEquals(notes, rows.get(1).report().summary());
        // the reader keeps the place name whole; validation refuses a line break in it (single-line text)
        assertEquals(List.of(new FieldError("place.name", "must not contain control characters")), rows.get(2).errors());
        assertEquals(3, rows.get(2).number());
    }

    @Test
    void aTruncatedLastLineIsRejectedAndTheRowsBeforeItImport() throws Exception {
        byte[] full = acled(List.of(Map.of(), Map.of())).getBytes(StandardCharsets.UTF_8);
        // the last row ends ",23,,1733011200\r\n": cut inside its fatalities
        byte[] cut = Arrays.copyOf(full, full.length - 15);
        List<ImportRow> rows = ImportFixtures.read(ImportFormat.ACLED, cut, ImportFixtures.context());
        assertEquals(2, rows.size());
        assertNotNull(rows.get(0).report());
        assertEquals("row", rows.get(1).errors().get(0).field());
        assertTrue(rows.get(1).errors().get(0).message().contains("(a truncated row?)"), rows.get(1).errors()::toString);
        assertEquals(cut.length, rows.get(1).endOffset());

        // cut inside a quoted field: the reader says so instead of swallowing the end of the file
        byte[] quoted = acled(List.of(Map.of(), Map.of("notes", "a, \"b\" and a long text after it"))).getBytes(StandardCharsets.UTF_8);
        int inside = new String(quoted, StandardCharsets.UTF_8).lastIndexOf("long text");
        rows = ImportFixtures.read(ImportFormat.ACLED, Arrays.copyOf(quoted, inside), ImportFixtures.context());
        assertEquals(2, rows.size());
        assertNotNull(rows.get(0).report());
        assertEquals(List.of(new FieldError("row",
                "the file ends inside a quoted field: the last row is truncated or a quote is not closed")), rows.get(1).errors());
    }

    @Test
    void aRowWithMoreFieldsThanTheHeaderIsRejected() throws Exception {
        String file = acled(List.of(Map.of(), Map.of()));
        String[] lines = file.split("\r\n");
        String bad = lines[0] + "\r\n" + lines[1] + ",extra\r\n" + lines[2] + ",,\r\n\r\n";
        List<ImportRow> rows = ImportFixtures.read(ImportFormat.ACLED, bad);
        assertEquals(2, rows.size(), "a blank line is no row");
        assertTrue(rows.get(0).errors().get(0).message().startsWith("the row has 32 fields, the header 31"));
        assertNotNull(rows.get(1).report(), "empty trailing fields are tolerated");
    }

    @Test
    void aRowLongerThanOneMebibyteIsRejectedAndSkipped() throws Exception {
        byte[] file = acled(List.of(Map.of("notes", "x".repeat(CsvRecords.MAX_RECORD_BYTES + 10)), Map.of()))
                .getBytes(StandardCharsets.UTF_8);
        List<ImportRow> rows = ImportFixtures.read(ImportFormat.ACLED, file, ImportFixtures.context());
        assertEquals(2, rows.size());
        assertEquals("the row is longer than 1 MiB (an unclosed quote?)", rows.get(0).errors().get(0).message());
        assertEquals("acled:SYR2", rows.get(1).externalId());
        assertEquals(file.length, rows.get(1).endOffset());
    }

    @Test
    void lfAndCrLineEndsReadLikeCrLf() throws Exception {
        String text = new String(ACLED, StandardCharsets.UTF_8);
        List<ImportRow> crlf = ImportFixtures.read(ImportFormat.ACLED, text);
        for (String end : List.of("\n", "\r")) {
            List<ImportRow> other = ImportFixtures.read(ImportFormat.ACLED, text.replace("\r\n", end));
            assertEquals(crlf.stream().map(ImportRow::report).toList(), other.stream().map(ImportRow::report).toList());
        }
    }

    @Test
    void headerOnlyHasNoRows() throws Exception {
        assertEquals(List.of(), ImportFixtures.read(ImportFormat.ACLED_DELETIONS, "event_id_cnty,deleted_timestamp\r\n"));
    }

    /**
     * 100,000 bad rows from a stream that is produced as it is read: each row is rejected with its
     * number and field, none is dropped, and the reader never runs more than its buffer ahead of
     * the row it returns (so memory does not grow with the file).
     */
    @Test
    void oneHundredThousandBadRowsStream() throws Exception {
        int n = 100_000;
        GeneratedFile file = new GeneratedFile("event_id_cnty,deleted_timestamp\r\n", n,
                i -> (i % 2 == 0 ? "SYR" + i + ",soon" : "SYR " + i + ",1733443200") + "\r\n");
        long count = 0;
        long maxAhead = 0;
        try (ImportReader reader = ImportReader.open(ImportFormat.ACLED_DELETIONS, file, ImportFixtures.context())) {
            while (reader.hasNext()) {
                ImportRow r = reader.next();
                count++;
                assertEquals(count, r.number());
                assertNull(r.deletion());
                assertEquals(1, r.errors().size());
                assertEquals(count % 2 == 1 ? "deleted_timestamp" : "event_id_cnty", r.errors().get(0).field());
                maxAhead = Math.max(maxAhead, file.produced - r.endOffset());
            }
        }
        assertEquals(n, count);
        assertTrue(maxAhead <= 128 * 1024, "read ahead " + maxAhead + " bytes");
    }

    /** Resuming at any recorded endOffset gives exactly the remaining rows, numbered as in one pass. */
    @Test
    void resumeAfterAnyRowGivesExactlyTheRest() throws Exception {
        byte[] file = acled(List.of(
                Map.of("notes", "ملاحظات بالعربية،\nعلى سطرين"),
                Map.of("location", "Ḫān al-ʿAsal", "notes", "emoji 🕊️ and \"quotes\",\r\ncommas"),
                Map.of("fatalities", "x"),
                Map.of(),
                Map.of("notes", "last"))).getBytes(StandardCharsets.UTF_8);
        List<ImportRow> all = ImportFixtures.read(ImportFormat.ACLED, file, ImportFixtures.context());
        assertEquals(5, all.size());
        byte[] header;
        try (ImportReader r = ImportReader.open(ImportFormat.ACLED, new ByteArrayInputStream(file), ImportFixtures.context())) {
            header = r.header();
        }
        for (int k = 0; k < all.size(); k++) {
            long offset = all.get(k).endOffset();
            List<ImportRow> rest = new ArrayList<>();
            try (ImportReader r = ImportReader.resume(ImportFormat.ACLED, header,
                    new ByteArrayInputStream(file, (int) offset, file.length - (int) offset), k + 2, offset,
                    ImportFixtures.context())) {
                r.forEachRemaining(rest::add);
            }
            assertEquals(all.subList(k + 1, all.size()), rest, "resumed after row " + (k + 1));
        }
    }

    @Test
    void resumeAnHxlFileWithItsTwoHeaderRows() throws Exception {
        byte[] file = ImportFixtures.bytes("hxl-export.csv");
        List<ImportRow> all = ImportFixtures.read(ImportFormat.HXL, file, ImportFixtures.context());
        byte[] header;
        try (ImportReader r = ImportReader.open(ImportFormat.HXL, new ByteArrayInputStream(file), ImportFixtures.context())) {
            header = r.header();
        }
        String h = new String(header, StandardCharsets.UTF_8);
        assertTrue(h.startsWith("id,externalId,revision") && h.contains("#event+id") && h.endsWith("\r\n"), h);
        long offset = all.get(0).endOffset();
        List<ImportRow> rest = new ArrayList<>();
        try (ImportReader r = ImportReader.resume(ImportFormat.HXL, header,
                new ByteArrayInputStream(Arrays.copyOfRange(file, (int) offset, file.length)), 2, offset,
                ImportFixtures.context())) {
            r.forEachRemaining(rest::add);
        }
        assertEquals(all.subList(1, all.size()), rest);
        assertArrayEquals(Arrays.copyOf(file, header.length), header);
    }

    /** A file produced as it is read, counting the bytes handed out. */
    private static final class GeneratedFile extends InputStream {
        private final IntFunction<String> row;
        private final int rows;
        private byte[] current;
        private int pos;
        private int next;
        long produced;

        GeneratedFile(String header, int rows, IntFunction<String> row) {
            this.row = row;
            this.rows = rows;
            this.current = header.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            while (pos == current.length) {
                if (next == rows) {
                    return -1;
                }
                current = row.apply(next++).getBytes(StandardCharsets.UTF_8);
                pos = 0;
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            produced += n;
            return n;
        }
    }
}
