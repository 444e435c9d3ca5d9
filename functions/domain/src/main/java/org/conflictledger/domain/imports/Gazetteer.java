package org.conflictledger.domain.imports;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.conflictledger.domain.text.Normalize;

/**
 * A ledger's admin units by country, as OCHA's common operational datasets give them, and the
 * lookup that turns admin names into p-codes (docs/imports.md, "Gazetteer").
 */
public final class Gazetteer {

    /** The rows a gazetteer file may have before its hashtag row (OCHA files have one title row). */
    static final int MAX_HEADER_ROWS = 25;
    /** A gazetteer is a small table: a country has at most a few thousand admin2 units. */
    static final int MAX_UNITS = 20_000;
    /** Resolutions kept for reuse (names repeat across the rows of a file). */
    private static final int RESOLVED_CACHE = 4096;

    private static final Pattern APOSTROPHES = Pattern.compile("['\u2018\u2019\u02BB\u02BC\u02BE\u02BF`\u00B4]");
    private static final Pattern PUNCTUATION = Pattern.compile("[\\p{P}\\p{S}&&[^\u0600-\u06FF]]");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern PCODE = Pattern.compile("[A-Z]{2}[A-Z0-9]{0,18}");
    /** Trailing words that name the kind of unit, as UCDP writes "Aleppo governorate". */
    private static final Pattern ADMIN_WORD = Pattern.compile(
            " (governorate|province|district|subdistrict|sub district|region|state|county|department|municipality"
                    + "|prefecture|muhafazah|mohafaza|nahiya|mantika|oblast|raion|rayon)$");

    private static final Gazetteer EMPTY = new Gazetteer(List.of());

    private final Map<String, Country> countries = new HashMap<>();
    private final Map<List<String>, Resolution> resolved = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<List<String>, Resolution> eldest) {
            return size() > RESOLVED_CACHE;
        }
    };

    private Gazetteer(Collection<AdminUnit> units) {
        for (AdminUnit u : units) {
            countries.computeIfAbsent(u.country(), c -> new Country()).add(u);
        }
    }

    public static Gazetteer empty() {
        return EMPTY;
    }

    public static Gazetteer of(Collection<AdminUnit> units) {
        return new Gazetteer(units);
    }

    /** Several countries' gazetteers as one. */
    public static Gazetteer merge(Collection<Gazetteer> parts) {
        List<AdminUnit> all = new ArrayList<>();
        for (Gazetteer g : parts) {
            for (String c : g.countries()) {
                all.addAll(g.units(c));
            }
        }
        return of(all);
    }

    public Set<String> countries() {
        return new TreeSet<>(countries.keySet());
    }

    /** The country's units: its admin1 units, then its admin2 units, in file order. */
    public List<AdminUnit> units(String country) {
        Country c = countries.get(country);
        return c == null ? List.of() : c.units();
    }

    /** What the gazetteer made of a place's admin names: the p-codes it found and a warning per unknown name. */
    public record Resolution(String admin1, String admin2, List<String> warnings) {
    }

    /**
     * Admin names (or p-codes) to p-codes. A name matches after the normalisation of
     * docs/imports.md; a name that does not match keeps the place at the finest level that did, with
     * a warning naming it. Blank names are no names.
     */
    public Resolution resolve(String country, String admin1Name, String admin2Name) {
        // files repeat the same few hundred names: resolve each combination once (the gazetteer is immutable)
        List<String> k = Arrays.asList(country, admin1Name, admin2Name);
        synchronized (resolved) {
            Resolution r = resolved.get(k);
            if (r != null) {
                return r;
            }
        }
        Resolution r = lookup(country, admin1Name, admin2Name);
        synchronized (resolved) {
            resolved.put(k, r);
        }
        return r;
    }

    private Resolution lookup(String country, String admin1Name, String admin2Name) {
        String n1 = blankToNull(admin1Name);
        String n2 = blankToNull(admin2Name);
        if (n1 == null && n2 == null) {
            return new Resolution(null, null, List.of());
        }
        Country c = countries.get(country);
        if (c == null) {
            return new Resolution(null, null, List.of("the gazetteer has no admin units for " + country + ": '"
                    + (n1 != null ? n1 : n2) + "' is kept at country level"));
        }
        List<String> warnings = new ArrayList<>();
        String a1 = null;
        if (n1 != null) {
            Set<String> found = c.find(c.admin1, n1);
            if (found.size() == 1) {
                a1 = found.iterator().next();
            } else {
                warnings.add(found.isEmpty()
                        ? "admin1 '" + n1 + "' is not in the gazetteer of " + country + ": the place is kept at country level"
                        : "admin1 '" + n1 + "' names several units of " + country + " " + found
                                + ": the place is kept at country level");
                return new Resolution(null, null, warnings);
            }
        }
        if (n2 == null) {
            return new Resolution(a1, null, warnings);
        }
        Set<String> found = a1 != null ? c.find(c.admin2.getOrDefault(a1, Map.of()), n2) : c.find(c.admin2Any, n2);
        if (found.size() == 1) {
            String a2 = found.iterator().next();
            return new Resolution(c.parent.get(a2), a2, warnings);
        }
        String where = a1 != null ? " under " + a1 + " (" + c.names.get(a1) + ")" : " of " + country;
        String level = a1 != null ? "admin1" : "country";
        warnings.add(found.isEmpty()
                ? "admin2 '" + n2 + "' is not in the gazetteer" + where + ": the place is kept at " + level + " level"
                : "admin2 '" + n2 + "' names several units" + where + " " + found + ": the place is kept at "
                        + level + " level");
        return new Resolution(a1, null, warnings);
    }

    /**
     * The key two names are compared by: reconciliation.md's normalisation (NFKC, case-folded,
     * diacritics removed, white space collapsed), then apostrophes dropped and other punctuation as
     * space, so that "Dar'a", "Dara" and "DARA", or "Deir-ez-Zor" and "Deir ez Zor", are one name.
     */
    static String key(String name) {
        String n = Normalize.name(name);
        n = APOSTROPHES.matcher(n).replaceAll("");
        n = PUNCTUATION.matcher(n).replaceAll(" ");
        return SPACES.matcher(n).replaceAll(" ").strip();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** One country's units and name indexes. */
    private static final class Country {
        final Map<String, AdminUnit> admin1Units = new LinkedHashMap<>();
        final Map<String, AdminUnit> admin2Units = new LinkedHashMap<>();
        final Map<String, Set<String>> admin1 = new HashMap<>();
        final Map<String, Map<String, Set<String>>> admin2 = new HashMap<>();
        final Map<String, Set<String>> admin2Any = new HashMap<>();
        final Map<String, String> parent = new HashMap<>();
        final Map<String, String> names = new HashMap<>();

        void add(AdminUnit u) {
            if (u.isAdmin1()) {
                admin1Units.put(u.adm1Code(), u);
                index(admin1, u.adm1Code(), u.adm1Name(), u.aliases());
            } else {
                admin2Units.put(u.adm2Code(), u);
                parent.put(u.adm2Code(), u.adm1Code());
                names.put(u.adm2Code(), u.adm2Name());
                index(admin2.computeIfAbsent(u.adm1Code(), k -> new HashMap<>()), u.adm2Code(), u.adm2Name(), u.aliases());
                index(admin2Any, u.adm2Code(), u.adm2Name(), u.aliases());
                // an admin2 row names its admin1 too; the admin1's own row, when there is one, wins
                index(admin1, u.adm1Code(), u.adm1Name(), List.of());
            }
            names.putIfAbsent(u.adm1Code(), u.adm1Name());
        }

        private static void index(Map<String, Set<String>> idx, String code, String name, List<String> aliases) {
            idx.computeIfAbsent(code.toUpperCase(Locale.ROOT), k -> new TreeSet<>()).add(code);
            for (String n : concat(name, aliases)) {
                String k = key(n);
                if (!k.isEmpty()) {
                    idx.computeIfAbsent(k, x -> new TreeSet<>()).add(code);
                }
            }
        }

        private static List<String> concat(String name, List<String> aliases) {
            List<String> all = new ArrayList<>();
            if (name != null) {
                all.add(name);
            }
            all.addAll(aliases);
            return all;
        }

        Set<String> find(Map<String, Set<String>> idx, String name) {
            Set<String> byCode = idx.get(name.strip().toUpperCase(Locale.ROOT));
            if (byCode != null && PCODE.matcher(name.strip()).matches()) {
                return byCode;
            }
            String k = key(name);
            Set<String> found = idx.get(k);
            if (found == null) {
                String shorter = ADMIN_WORD.matcher(k).replaceAll("");
                found = shorter.equals(k) ? null : idx.get(shorter);
            }
            return found == null ? Set.of() : found;
        }

        List<AdminUnit> units() {
            List<AdminUnit> all = new ArrayList<>(admin1Units.values());
            Set<String> named = new LinkedHashSet<>(admin1Units.keySet());
            for (AdminUnit u : admin2Units.values()) {
                if (named.add(u.adm1Code())) {
                    all.add(new AdminUnit(u.country(), u.adm1Code(), u.adm1Name(), null, null, List.of()));
                }
            }
            all.addAll(admin2Units.values());
            return List.copyOf(all);
        }
    }

    /**
     * A country's gazetteer from a CSV in the HXL form of OCHA's common operational datasets:
     * {@code #adm1+code}, {@code #adm1+name}, optional {@code #adm2+code}, {@code #adm2+name}, and any
     * other {@code #adm1+name+...} / {@code #adm2+name+...} column (such as {@code +alt}, {@code +i_ar})
     * as aliases, several in one cell separated by ';' or '|'. The whole file is checked: a gazetteer
     * is replaced as one, so one bad row rejects it.
     */
    public static Gazetteer parse(String country, InputStream hxlCsv) throws ImportFileException {
        String alpha2 = Countries.alpha2(country).orElseThrow(() -> new ImportFileException(
                "'" + country + "' is not an ISO 3166-1 alpha-3 country code"));
        try (CsvRecords records = new CsvRecords(hxlCsv, 0)) {
            Map<String, Integer> columns = null;
            Map<String, List<Integer>> aliasColumns = new HashMap<>();
            for (int i = 0; i < MAX_HEADER_ROWS && columns == null; i++) {
                CsvRecords.Record r = records.next();
                if (r == null) {
                    break;
                }
                if (r.error() != null) {
                    throw new ImportFileException("row " + (i + 1) + " of the gazetteer: " + r.error());
                }
                if (Hxl.isHashtagRow(r.fields())) {
                    columns = gazetteerColumns(r.fields(), aliasColumns);
                }
            }
            if (columns == null) {
                throw new ImportFileException("the gazetteer has no HXL hashtag row (#adm1+code, #adm1+name, ...)"
                        + " in its first " + MAX_HEADER_ROWS + " rows");
            }
            for (String required : List.of("#adm1+code", "#adm1+name")) {
                if (!columns.containsKey(required)) {
                    throw new ImportFileException("the gazetteer has no " + required + " column");
                }
            }
            if (columns.containsKey("#adm2+code") != columns.containsKey("#adm2+name")) {
                throw new ImportFileException("the gazetteer has one of #adm2+code and #adm2+name: give both or neither");
            }
            Map<String, AdminUnit> admin1 = new LinkedHashMap<>();
            Map<String, AdminUnit> admin2 = new LinkedHashMap<>();
            long row = 0;
            for (CsvRecords.Record r = records.next(); r != null; r = records.next()) {
                row++;
                if (r.error() != null) {
                    throw new ImportFileException("data row " + row + " of the gazetteer: " + r.error());
                }
                List<String> f = r.fields();
                String where = "data row " + row + " of the gazetteer: ";
                String c1 = cell(f, columns.get("#adm1+code"));
                String m1 = cell(f, columns.get("#adm1+name"));
                String c2 = cell(f, columns.get("#adm2+code"));
                String m2 = cell(f, columns.get("#adm2+name"));
                String cc = cell(f, columns.get("#country+code"));
                if (cc != null && !country.equals(Countries.byCode(cc).orElse(null))) {
                    throw new ImportFileException(where + "#country+code '" + cc + "' is not " + country);
                }
                if (c1 == null || m1 == null) {
                    throw new ImportFileException(where + "#adm1+code and #adm1+name are required");
                }
                if (!PCODE.matcher(c1).matches() || !c1.startsWith(alpha2) || c1.length() <= 2) {
                    throw new ImportFileException(where + "#adm1+code '" + c1 + "' is not a p-code of " + country
                            + " (it starts with '" + alpha2 + "', then capital letters or digits)");
                }
                List<String> aliases1 = aliases(f, aliasColumns.get("#adm1"));
                AdminUnit old1 = admin1.get(c1);
                if (old1 != null && !old1.adm1Name().equals(m1)) {
                    throw new ImportFileException(where + "admin1 " + c1 + " is named both '" + old1.adm1Name()
                            + "' and '" + m1 + "'");
                }
                List<String> merged = new ArrayList<>(old1 == null ? List.of() : old1.aliases());
                aliases1.stream().filter(a -> !merged.contains(a)).forEach(merged::add);
                admin1.put(c1, new AdminUnit(country, c1, m1, null, null, merged));
                if (c2 == null && m2 == null) {
                    continue;
                }
                if (c2 == null || m2 == null) {
                    throw new ImportFileException(where + "#adm2+code and #adm2+name go together");
                }
                if (!PCODE.matcher(c2).matches() || !c2.startsWith(c1) || c2.length() <= c1.length()) {
                    throw new ImportFileException(where + "#adm2+code '" + c2 + "' must start with its admin1's p-code '"
                            + c1 + "' and be longer");
                }
                if (admin2.containsKey(c2)) {
                    throw new ImportFileException(where + "admin2 " + c2 + " appears twice");
                }
                admin2.put(c2, new AdminUnit(country, c1, m1, c2, m2, aliases(f, aliasColumns.get("#adm2"))));
                if (admin1.size() + admin2.size() > MAX_UNITS) {
                    throw new ImportFileException("the gazetteer has more than " + MAX_UNITS + " units");
                }
            }
            if (admin1.isEmpty()) {
                throw new ImportFileException("the gazetteer has no admin units");
            }
            List<AdminUnit> all = new ArrayList<>(admin1.values());
            all.addAll(admin2.values());
            return of(all);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Canonical hashtag → column; alias columns of each level under "#adm1" / "#adm2". */
    private static Map<String, Integer> gazetteerColumns(List<String> tags, Map<String, List<Integer>> aliasColumns) {
        Map<String, Integer> columns = new HashMap<>();
        Map<String, List<Integer>> names = new HashMap<>();
        for (int i = 0; i < tags.size(); i++) {
            String t = Hxl.canonical(tags.get(i));
            if (t == null) {
                continue;
            }
            columns.putIfAbsent(t, i);
            for (String level : List.of("#adm1", "#adm2")) {
                if (t.startsWith(level + "+") && List.of(t.split("\\+")).contains("name")) {
                    names.computeIfAbsent(level, k -> new ArrayList<>()).add(i);
                }
            }
        }
        for (String level : List.of("#adm1", "#adm2")) {
            List<Integer> cols = names.getOrDefault(level, List.of());
            Integer primary = columns.get(level + "+name");
            if (primary == null) {
                // OCHA files tag languages: #adm1+name+i_en is the primary name when there is no bare #adm1+name
                primary = cols.stream().filter(i -> Hxl.canonical(tags.get(i)).contains("+i_en")).findFirst()
                        .orElse(cols.isEmpty() ? null : cols.get(0));
                if (primary != null) {
                    columns.put(level + "+name", primary);
                }
            }
            Integer p = primary;
            aliasColumns.put(level, cols.stream().filter(i -> !i.equals(p)).toList());
        }
        return columns;
    }

    private static List<String> aliases(List<String> f, List<Integer> cols) {
        List<String> out = new ArrayList<>();
        for (int i : cols == null ? List.<Integer>of() : cols) {
            String v = cell(f, i);
            if (v == null) {
                continue;
            }
            for (String a : v.split("[;|]")) {
                String s = a.strip();
                if (!s.isEmpty() && !out.contains(s)) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    private static String cell(List<String> f, Integer i) {
        if (i == null || i >= f.size()) {
            return null;
        }
        String v = f.get(i);
        return v == null || v.isBlank() ? null : v.strip();
    }

    /** A country's gazetteer as a file in the form {@link #parse} reads (for {@code GET /v1/places/{country}}). */
    public String toCsv(String country) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"admin1Pcode", "admin1Name", "admin1Alt", "admin2Pcode", "admin2Name", "admin2Alt"});
        rows.add(new String[] {"#adm1+code", "#adm1+name", "#adm1+name+alt", "#adm2+code", "#adm2+name", "#adm2+name+alt"});
        for (AdminUnit u : units(country)) {
            String aliases = String.join("; ", u.aliases());
            rows.add(u.isAdmin1()
                    ? new String[] {u.adm1Code(), u.adm1Name(), aliases, "", "", ""}
                    : new String[] {u.adm1Code(), u.adm1Name(), "", u.adm2Code(), u.adm2Name(), aliases});
        }
        StringWriter out = new StringWriter();
        try (SequenceWriter w = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build().writerFor(String[].class)
                .with(CsvSchema.emptySchema().withLineSeparator("\r\n")).writeValues(out)) {
            w.writeAll(rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
