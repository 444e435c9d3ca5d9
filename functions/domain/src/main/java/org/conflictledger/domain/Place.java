package org.conflictledger.domain;



/**
 * Where: ISO 3166-1 alpha-3 country, OCHA p-codes below it, an optional point.
 * {@link #isPoint()} is not a wire field (an is-getter would otherwise be written as {@code point}).
 */
public record Place(
        String country,
        String admin1,
        String admin2,
        String admin3,
        String name,
        Double lat,
        Double lon,
        PlacePrecision precision) {

    /** The finest administrative unit the place names, as an {@link Area}. */
    public Area unit() {
        return new Area(country, admin1, admin1 == null ? null : admin2);
    }

    /** A point finer than an admin area, which the public never sees. Not a wire field. */
    public boolean isPoint() {
        return precision == PlacePrecision.EXACT || precision == PlacePrecision.NEAR;
    }

    public Place withoutPoint() {
        return new Place(country, admin1, admin2, admin3, name, null, null, precision);
    }
}
