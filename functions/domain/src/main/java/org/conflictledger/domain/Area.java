package org.conflictledger.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * An administrative area: a country, an admin1 or an admin2 unit. Figures are kept per area and
 * day; an area contains the areas whose codes it prefixes.
 */
public record Area(String country, String admin1, String admin2) {

    public static Area country(String country) {
        return new Area(country, null, null);
    }

    public int level() {
        return admin2 != null ? 2 : admin1 != null ? 1 : 0;
    }

    /** True when {@code other} lies inside this area (or is it). */
    public boolean contains(Area other) {
        if (!country.equals(other.country)) {
            return false;
        }
        if (admin1 != null && !admin1.equals(other.admin1)) {
            return false;
        }
        return admin2 == null || admin2.equals(other.admin2);
    }

    /** This area and every area above it, country first. */
    public List<Area> lineage() {
        List<Area> out = new ArrayList<>(3);
        out.add(new Area(country, null, null));
        if (admin1 != null) {
            out.add(new Area(country, admin1, null));
            if (admin2 != null) {
                out.add(this);
            }
        }
        return out;
    }

    /** A stable key such as {@code SYR}, {@code SYR/SY02}, {@code SYR/SY02/SY0200}. */
    public String key() {
        return admin2 != null ? country + "/" + admin1 + "/" + admin2
                : admin1 != null ? country + "/" + admin1 : country;
    }

    public static Area fromKey(String key) {
        String[] p = key.split("/", -1);
        return new Area(p[0], p.length > 1 ? p[1] : null, p.length > 2 ? p[2] : null);
    }
}
