package org.conflictledger.domain.imports;

import java.util.List;

/**
 * One admin unit of a country's gazetteer, in the shape of OCHA's common operational datasets:
 * an admin1 (adm2 fields null) or an admin2 with its admin1. {@code aliases} are other names of the
 * unit's finest level (the admin2 when there is one), for instance its Arabic name.
 */
public record AdminUnit(String country, String adm1Code, String adm1Name, String adm2Code, String adm2Name,
                        List<String> aliases) {

    public AdminUnit {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }

    public boolean isAdmin1() {
        return adm2Code == null;
    }
}
