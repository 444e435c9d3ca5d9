package org.conflictledger.domain.imports;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.Collectors;
import org.conflictledger.domain.json.ReportReader;
import org.conflictledger.domain.validation.FieldError;
import org.conflictledger.domain.validation.ReportValidator;

/**
 * Streams the rows of an import file (never the whole file in memory): the header is read and
 * checked when the reader opens, then each data row becomes an {@link ImportRow}. A bad row is
 * returned rejected, with its number and fields, and reading goes on; there is no cap on rejected
 * rows here (the caller keeps the first ones). An I/O failure of the stream is an
 * {@link UncheckedIOException} from {@link #hasNext()} or {@link #next()}: resume after the last
 * recorded row with {@link #resume}.
 */
public final class ImportReader implements Iterator<ImportRow>, Closeable {

    /** Where the per-row structure (field count, encoding, quoting) is wrong, the error names the row itself. */
    public static final String ROW_FIELD = "row";

    private final ImportFormat format;
    private final CsvRecords records;
    private final Map<String, Integer> columns;
    private final int width;
    private final Mapping mapping;
    private final byte[] header;
    private long number;
    private CsvRecords.Record pending;

    private ImportReader(ImportFormat format, CsvRecords records, Header h, long nextNumber, ImportContext ctx) {
        this.format = format;
        this.records = records;
        this.columns = h.columns;
        this.width = h.width;
        this.header = h.bytes;
        this.number = nextNumber - 1;
        ReportReader reader = new ReportReader(new ReportValidator(ctx.clock()));
        this.mapping = switch (format) {
            case ACLED -> new AcledMapping(ctx, reader);
            case ACLED_DELETIONS -> new AcledDeletionsMapping();
            case UCDP_GED -> new UcdpGedMapping(ctx, reader);
            case HXL -> new HxlMapping(ctx, reader);
        };
    }

    /** Reads and checks the header of a file; the rows follow. */
    public static ImportReader open(ImportFormat f, InputStream file, ImportContext ctx) throws ImportFileException {
        BufferedInputStream in = new BufferedInputStream(file, 64 * 1024);
        encoding(in);
        CsvRecords records = new CsvRecords(in, 0);
        return new ImportReader(f, records, header(f, records), 1, ctx);
    }

    /**
     * Resumes after a recorded row: {@code header} as {@link #header()} gave it for the same file,
     * {@code rest} the file from {@code startOffset} (the endOffset of row {@code nextRowNumber - 1}).
     */
    public static ImportReader resume(ImportFormat f, byte[] header, InputStream rest, long nextRowNumber,
                                      long startOffset, ImportContext ctx) throws ImportFileException {
        Header h = header(f, new CsvRecords(new ByteArrayInputStream(header), 0));
        return new ImportReader(f, new CsvRecords(rest, startOffset), h, nextRowNumber, ctx);
    }

    /** The bytes of the header rows (for hxl, every row up to and including the hashtag row), for {@link #resume}. */
    public byte[] header() {
        return header.clone();
    }

    public ImportFormat format() {
        return format;
    }

    @Override
    public boolean hasNext() {
        if (pending == null) {
            try {
                pending = records.next();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return pending != null;
    }

    @Override
    public ImportRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        CsvRecords.Record r = pending;
        pending = null;
        number++;
        if (r.error() != null) {
            return rejected(r, r.error());
        }
        List<String> fields = r.fields();
        if (width > 0 && fields.size() != width && !(fields.size() > width && blankFrom(fields, width))) {
            return rejected(r, "the row has " + fields.size() + " fields, the header " + width
                    + (fields.size() < width ? " (a truncated row?)" : ""));
        }
        try {
            return mapping.map(number, r.end(), new Row(columns, fields));
        } catch (RuntimeException e) {
            // a mapping bug must not stop the other rows: this row is rejected and reading goes on
            return rejected(r, "the row could not be read");
        }
    }

    private ImportRow rejected(CsvRecords.Record r, String message) {
        return new ImportRow(number, r.end(), null, null, null, List.of(new FieldError(ROW_FIELD, message)), List.of());
    }

    private static boolean blankFrom(List<String> fields, int from) {
        return fields.subList(from, fields.size()).stream().allMatch(s -> s == null || s.isBlank());
    }

    @Override
    public void close() throws IOException {
        records.close();
    }

    /** The header's columns: lower-case names, or for hxl canonical hashtags; width 0 where rows may be ragged. */
    private record Header(Map<String, Integer> columns, int width, byte[] bytes) {
    }

    /** UTF-16 and UTF-32 files are recognised by their byte order marks or NUL bytes, and refused as a whole. */
    private static void encoding(BufferedInputStream in) throws ImportFileException {
        byte[] head = new byte[4];
        int n;
        try {
            in.mark(4);
            n = in.readNBytes(head, 0, 4);
            in.reset();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (n == 0) {
            throw new ImportFileException("the file is empty");
        }
        int b0 = head[0] & 0xFF;
        int b1 = n > 1 ? head[1] & 0xFF : -1;
        if ((b0 == 0xFF && b1 == 0xFE) || (b0 == 0xFE && b1 == 0xFF) || (n > 1 && (b0 == 0 || b1 == 0))) {
            throw new ImportFileException("the file is UTF-16 or UTF-32 text: save it as UTF-8 CSV");
        }
    }

    private static Header header(ImportFormat f, CsvRecords records) throws ImportFileException {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            if (f == ImportFormat.HXL) {
                for (int i = 0; i < Gazetteer.MAX_HEADER_ROWS; i++) {
                    CsvRecords.Record r = i == 0 ? headerRecord(records, bytes) : records.next();
                    if (r == null) {
                        break;
                    }
                    if (i > 0) {
                        if (r.error() != null) {
                            throw new ImportFileException("the header: " + r.error());
                        }
                        bytes.writeBytes(records.lastBytes());
                    }
                    if (Hxl.isHashtagRow(r.fields())) {
                        return hxlHeader(r.fields(), bytes.toByteArray());
                    }
                }
                throw new ImportFileException("not an HXL file: no row of HXL hashtags (such as #event+id, #date+start)"
                        + " in its first " + Gazetteer.MAX_HEADER_ROWS + " rows");
            }
            CsvRecords.Record r = headerRecord(records, bytes);
            Map<String, Integer> columns = new HashMap<>();
            for (int i = 0; i < r.fields().size(); i++) {
                columns.putIfAbsent(r.fields().get(i).strip().toLowerCase(Locale.ROOT), i);
            }
            List<String> required = switch (f) {
                case ACLED -> AcledMapping.REQUIRED;
                case ACLED_DELETIONS -> AcledDeletionsMapping.COLUMNS;
                case UCDP_GED -> UcdpGedMapping.REQUIRED;
                case HXL -> throw new IllegalStateException();
            };
            Set<String> missing = required.stream().filter(c -> !columns.containsKey(c))
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            if (f == ImportFormat.ACLED && !columns.containsKey("iso") && !columns.containsKey("country")) {
                missing.add("country");
            }
            if (!missing.isEmpty()) {
                String looks = looksLike(columns.keySet(), r.fields(), f);
                throw new ImportFileException("not " + name(f) + ": the header has no column "
                        + String.join(", ", missing) + (looks == null ? "" : " (it looks like " + looks + ")"));
            }
            return new Header(columns, r.fields().size(), bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CsvRecords.Record headerRecord(CsvRecords records, ByteArrayOutputStream bytes)
            throws IOException, ImportFileException {
        CsvRecords.Record r = records.next();
        if (r == null) {
            throw new ImportFileException("the file is empty");
        }
        if (r.error() != null) {
            throw new ImportFileException("the header: " + r.error());
        }
        bytes.writeBytes(records.lastBytes());
        return r;
    }

    private static Header hxlHeader(List<String> tags, byte[] bytes) throws ImportFileException {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < tags.size(); i++) {
            String t = Hxl.canonical(tags.get(i));
            if (t != null) {
                columns.putIfAbsent(t, i);
            }
        }
        String missing = HxlMapping.missing(columns.keySet()).orElse(null);
        if (missing != null) {
            throw new ImportFileException("the HXL file has no " + missing + " column");
        }
        return new Header(columns, 0, bytes);
    }

    private static String name(ImportFormat f) {
        return switch (f) {
            case ACLED -> "an ACLED export";
            case ACLED_DELETIONS -> "an ACLED deletions file";
            case UCDP_GED -> "a UCDP GED file";
            case HXL -> "an HXL file";
        };
    }

    /** Which other format a header belongs to, to say so in the message. */
    private static String looksLike(Set<String> names, List<String> cells, ImportFormat not) {
        if (not != ImportFormat.ACLED && names.containsAll(AcledMapping.REQUIRED)) {
            return "an ACLED export: format 'acled'";
        }
        if (not != ImportFormat.ACLED_DELETIONS && names.containsAll(AcledDeletionsMapping.COLUMNS)) {
            return "an ACLED deletions file: format 'acled-deletions'";
        }
        if (not != ImportFormat.UCDP_GED && names.containsAll(UcdpGedMapping.REQUIRED)) {
            return "a UCDP GED file: format 'ucdp-ged'";
        }
        if (Hxl.isHashtagRow(cells) || names.contains("id") && names.contains("periodstart")) {
            return "an HXL file: format 'hxl'";
        }
        return null;
    }
}
