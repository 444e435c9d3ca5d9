package org.conflictledger.lookup;

import java.util.ArrayList;
import java.util.List;

/** A strict RFC 4180 reader for checking exports: quoted fields, doubled quotes, CRLF records. */
final class Csv {

    private Csv() {
    }

    static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int i = 0;
        boolean quoted = false;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                } else {
                    cell.append(c);
                }
                i++;
                continue;
            }
            if (c == '"') {
                if (cell.length() > 0) {
                    throw new AssertionError("quote inside an unquoted field at " + i);
                }
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r') {
                if (i + 1 >= text.length() || text.charAt(i + 1) != '\n') {
                    throw new AssertionError("bare CR at " + i);
                }
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else if (c == '\n') {
                throw new AssertionError("bare LF at " + i);
            } else {
                cell.append(c);
            }
            i++;
        }
        if (quoted) {
            throw new AssertionError("unterminated quoted field");
        }
        if (cell.length() > 0 || !row.isEmpty()) {
            throw new AssertionError("last record not terminated by CRLF");
        }
        return rows;
    }
}
