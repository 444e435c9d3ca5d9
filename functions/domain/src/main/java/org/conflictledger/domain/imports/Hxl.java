package org.conflictledger.domain.imports;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** HXL hashtags (hxlstandard.org): a tag and attributes, compared case-insensitively and in any order. */
final class Hxl {

    private static final Pattern TAG = Pattern.compile("#[a-z][a-z0-9_]*(\\s*\\+\\s*[a-z][a-z0-9_]*)*");

    private Hxl() {
    }

    /** {@code #Affected +civilians+killed} → {@code #affected+civilians+killed}; null when the cell is no hashtag. */
    static String canonical(String cell) {
        if (cell == null) {
            return null;
        }
        String c = cell.strip().toLowerCase(Locale.ROOT);
        if (!TAG.matcher(c).matches()) {
            return null;
        }
        String[] parts = c.split("\\s*\\+\\s*");
        String[] attributes = Arrays.copyOfRange(parts, 1, parts.length);
        Arrays.sort(attributes);
        StringBuilder sb = new StringBuilder(parts[0]);
        for (String a : attributes) {
            sb.append('+').append(a);
        }
        return sb.toString();
    }

    /** A row of hashtags: at least one, and every non-empty cell is one. */
    static boolean isHashtagRow(List<String> cells) {
        boolean any = false;
        for (String c : cells) {
            if (c == null || c.isBlank()) {
                continue;
            }
            if (canonical(c) == null) {
                return false;
            }
            any = true;
        }
        return any;
    }
}
