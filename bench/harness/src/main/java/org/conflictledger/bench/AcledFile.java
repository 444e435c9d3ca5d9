package org.conflictledger.bench;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.databind.SequenceWriter;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.conflictledger.domain.imports.Gazetteer;
import org.conflictledger.domain.imports.ImportContext;
import org.conflictledger.domain.imports.ImportFormat;
import org.conflictledger.domain.imports.ImportReader;
import org.conflictledger.domain.imports.ImportRow;

/**
 * A large ACLED export for the import benchmark, in ACLED's own 31 columns: the rows of
 * docs/samples/imports/acled-syria.csv that import cleanly, repeated with new event ids, dates
 * spread over 2024, and numbers and notes that vary. Every {@code changeEvery}-th row (0, n, 2n…)
 * gets notes and fatalities of {@code variant}, the others those of {@code "first"}: a file of
 * another variant corrects exactly those rows' reports and leaves the rest unchanged.
 */
final class AcledFile {

    private AcledFile() {
    }

    static void write(Path sample, Path gazetteer, Path out, int rows, String variant, int changeEvery)
            throws Exception {
        CsvMapper csv = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        List<String> columns = new ArrayList<>();
        List<Map<String, String>> templates = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = csv.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(sample.toFile())) {
            columns.addAll(((CsvSchema) it.getParserSchema()).getColumnNames());
            List<Map<String, String>> all = it.readAll();
            List<Boolean> clean = cleanRows(sample, gazetteer);
            for (int i = 0; i < all.size(); i++) {
                if (clean.get(i)) {
                    templates.add(all.get(i));
                }
            }
        }
        if (templates.isEmpty()) {
            throw new IllegalStateException(sample + " has no row that imports without an error or a warning");
        }
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        columns.forEach(schema::addColumn);
        try (OutputStream o = Files.newOutputStream(out);
             SequenceWriter w = csv.writerFor(Map.class).with(schema.build()).writeValues(o)) {
            for (int i = 0; i < rows; i++) {
                Map<String, String> t = templates.get(i % templates.size());
                Map<String, String> r = new LinkedHashMap<>(t);
                r.put("event_id_cnty", "SYR" + (2_000_000 + i));
                // Back from the sample's late-November dates, staying in 2024; the report time stays after it.
                r.put("event_date", LocalDate.parse(t.get("event_date")).minusDays(i % 300).toString());
                String v = i % changeEvery == 0 ? variant : "first";
                r.put("fatalities", Integer.toString((i * 7 + v.length()) % 40));
                r.put("notes", "Bench row " + i + " (" + v + "). " + t.get("notes"));
                w.write(r);
            }
        }
    }

    /** Which sample rows the importer takes with neither an error nor a warning (given the gazetteer). */
    private static List<Boolean> cleanRows(Path sample, Path gazetteerFile) throws Exception {
        Gazetteer gazetteer;
        try (InputStream g = Files.newInputStream(gazetteerFile)) {
            gazetteer = Gazetteer.parse("SYR", g);
        }
        List<Boolean> clean = new ArrayList<>();
        try (ImportReader reader = ImportReader.open(ImportFormat.ACLED,
                new ByteArrayInputStream(Files.readAllBytes(sample)), new ImportContext(null, gazetteer, null))) {
            while (reader.hasNext()) {
                ImportRow row = reader.next();
                clean.add(!row.rejected() && row.warnings().isEmpty());
            }
        }
        return clean;
    }
}
