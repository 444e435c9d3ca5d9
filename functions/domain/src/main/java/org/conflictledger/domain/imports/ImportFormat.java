package org.conflictledger.domain.imports;

import java.util.Arrays;
import java.util.Optional;

/** The file formats an import reads (docs/imports.md), by their wire names in {@code POST /v1/imports}. */
public enum ImportFormat {
    ACLED("acled"),
    ACLED_DELETIONS("acled-deletions"),
    UCDP_GED("ucdp-ged"),
    HXL("hxl");

    private final String wire;

    ImportFormat(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<ImportFormat> fromWire(String s) {
        return Arrays.stream(values()).filter(f -> f.wire.equals(s)).findFirst();
    }

    @Override
    public String toString() {
        return wire;
    }
}
