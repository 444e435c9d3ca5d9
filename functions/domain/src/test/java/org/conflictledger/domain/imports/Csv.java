package org.conflictledger.domain.imports;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test files written with Jackson's CSV writer: a header and rows given as column → value. */
final class Csv {

    private Csv() {
    }

    static String write(List<String[]> rows) {
        StringWriter out = new StringWriter();
        try (SequenceWriter w = new CsvMapper().writerFor(String[].class)
                .with(CsvSchema.emptySchema().withLineSeparator("\r\n")).writeValues(out)) {
            w.writeAll(rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** A file with {@code columns} as its header and one row per map (missing columns empty). */
    static String file(List<String> columns, List<Map<String, String>> rows) {
        List<String[]> all = new ArrayList<>();
        all.add(columns.toArray(String[]::new));
        for (Map<String, String> r : rows) {
            all.add(columns.stream().map(c -> r.getOrDefault(c, "")).toArray(String[]::new));
        }
        return write(all);
    }

    /** The first data row of a sample file as column → value. */
    static Map<String, String> firstRow(String sample, int headerRows) {
        List<List<String>> rows = rows(new String(ImportFixtures.bytes(sample), StandardCharsets.UTF_8));
        Map<String, String> m = new LinkedHashMap<>();
        List<String> header = rows.get(0);
        for (int i = 0; i < header.size(); i++) {
            m.put(header.get(i), rows.get(headerRows).get(i));
        }
        return m;
    }

    static List<List<String>> rows(String text) {
        List<List<String>> out = new ArrayList<>();
        try (var it = new CsvMapper().readerFor(String[].class)
                .with(CsvParser.Feature.WRAP_AS_ARRAY).<String[]>readValues(text)) {
            while (it.hasNext()) {
                out.add(List.of(it.next()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
