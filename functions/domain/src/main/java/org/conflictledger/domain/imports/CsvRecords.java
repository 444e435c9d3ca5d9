package org.conflictledger.domain.imports;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The records of a CSV file with the byte offset where each ends, read as a stream.
 *
 * <p>Jackson parses the fields of each record; this class only finds where a record ends (a line
 * end outside a quoted field, RFC 4180), at the byte level, because a resumed import starts a ranged
 * read at a byte offset and Jackson's CSV parser reports character offsets only. Each record is
 * decoded on its own, so a row with bytes that are not UTF-8 is rejected alone (docs/imports.md).
 */
final class CsvRecords implements Closeable {

    /** A row longer than this is rejected (its bytes are skipped, not kept). */
    static final int MAX_RECORD_BYTES = 1 << 20;

    private static final ObjectReader FIELDS = new CsvMapper()
            .readerFor(String[].class)
            .with(CsvParser.Feature.WRAP_AS_ARRAY);

    private static final int FIELD_START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    private static final int AFTER_QUOTE = 3;

    /** One record: its bytes [start, end) in the file, and either its fields or why it is unreadable. */
    record Record(long start, long end, List<String> fields, String error) {
    }

    private final InputStream in;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int len;
    private long offset;
    /** The current record's bytes (at most {@link #MAX_RECORD_BYTES}). */
    private byte[] rec = new byte[4096];
    private int recLen;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    CsvRecords(InputStream in, long startOffset) {
        this.in = in;
        this.offset = startOffset;
    }

    long offset() {
        return offset;
    }

    /** The bytes of the record {@link #next} returned last (cut at {@link #MAX_RECORD_BYTES}). */
    byte[] lastBytes() {
        return Arrays.copyOf(rec, recLen);
    }

    /** The next record that is not blank, or null at the end of the file. */
    Record next() throws IOException {
        while (true) {
            recLen = 0;
            long start = offset;
            boolean tooLong = false;
            boolean blank = true;
            int state = FIELD_START;
            while (true) {
                if (pos == len && !fill()) {
                    if (blank) {
                        return null;
                    }
                    return record(start, tooLong, state == QUOTED);
                }
                int end = -1;
                for (int i = pos; i < len; i++) {
                    byte c = buf[i];
                    if (state == QUOTED) {
                        blank = false;
                        if (c == '"') {
                            state = AFTER_QUOTE;
                        }
                        continue;
                    }
                    if (state == AFTER_QUOTE && c == '"') {
                        state = QUOTED; // a doubled quote inside a quoted field
                        continue;
                    }
                    if (c == '\n' || c == '\r') {
                        end = i;
                        break;
                    }
                    blank = false;
                    if (c == ',') {
                        state = FIELD_START;
                    } else if (c == '"' && state == FIELD_START) {
                        state = QUOTED;
                    } else {
                        state = UNQUOTED;
                    }
                }
                int take = (end >= 0 ? end + 1 : len) - pos;
                tooLong |= !append(pos, take);
                pos += take;
                offset += take;
                if (end >= 0) {
                    if (buf[end] == '\r' && peek() == '\n') {
                        tooLong |= !append(pos, 1);
                        pos++;
                        offset++;
                    }
                    break;
                }
            }
            if (!blank) {
                return record(start, tooLong, false);
            }
        }
    }

    /** Adds buffer bytes to the record; false once it is longer than the limit (the rest is dropped). */
    private boolean append(int from, int n) {
        if (recLen + n > MAX_RECORD_BYTES) {
            recLen = MAX_RECORD_BYTES + 1;
            return false;
        }
        if (recLen + n > rec.length) {
            rec = Arrays.copyOf(rec, Math.min(MAX_RECORD_BYTES, Math.max(rec.length * 2, recLen + n)));
        }
        System.arraycopy(buf, from, rec, recLen, n);
        recLen += n;
        return true;
    }

    private Record record(long start, boolean tooLong, boolean unterminated) {
        if (tooLong) {
            recLen = 0;
            return new Record(start, offset, null, "the row is longer than " + (MAX_RECORD_BYTES >> 20)
                    + " MiB (an unclosed quote?)");
        }
        if (unterminated) {
            return new Record(start, offset, null,
                    "the file ends inside a quoted field: the last row is truncated or a quote is not closed");
        }
        int from = start == 0 && recLen >= 3 && (rec[0] & 0xFF) == 0xEF && (rec[1] & 0xFF) == 0xBB
                && (rec[2] & 0xFF) == 0xBF ? 3 : 0;
        String text;
        try {
            text = utf8.reset().decode(ByteBuffer.wrap(rec, from, recLen - from)).toString();
        } catch (CharacterCodingException e) {
            return new Record(start, offset, null, "the row has bytes that are not UTF-8 (the file must be UTF-8)");
        }
        try (MappingIterator<String[]> it = FIELDS.readValues(text)) {
            String[] fields = it.hasNext() ? it.next() : new String[0];
            return new Record(start, offset, Arrays.asList(fields), null);
        } catch (IOException | RuntimeException e) {
            return new Record(start, offset, null, "the row is not valid CSV");
        }
    }

    private int peek() throws IOException {
        if (pos == len && !fill()) {
            return -1;
        }
        return buf[pos] & 0xFF;
    }

    private boolean fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        while (n == 0) {
            n = in.read(buf, 0, buf.length);
        }
        if (n < 0) {
            return false;
        }
        pos = 0;
        len = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
