package org.conflictledger.domain.figures;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.conflictledger.domain.Actor;
import org.conflictledger.domain.ActorType;
import org.conflictledger.domain.Area;
import org.conflictledger.domain.DatePrecision;
import org.conflictledger.domain.EventType;
import org.conflictledger.domain.Figure;
import org.conflictledger.domain.Group;
import org.conflictledger.domain.Metric;
import org.conflictledger.domain.Period;
import org.conflictledger.domain.Place;
import org.conflictledger.domain.PlacePrecision;
import org.conflictledger.domain.Qualifier;
import org.conflictledger.domain.Report;
import org.conflictledger.domain.Scope;
import org.conflictledger.domain.Source;
import org.conflictledger.domain.SourceKind;
import org.conflictledger.domain.Status;
import org.conflictledger.domain.StoredReport;
import org.conflictledger.domain.Territory;

/** Test fixtures: {@code Reports.incident("r1").at("SY02", "SY0200").killed(10).build()}. */
final class Reports {

    static final String SYR = "SYR";
    static final LocalDate D27 = LocalDate.parse("2024-11-27");
    static final LocalDate D28 = LocalDate.parse("2024-11-28");
    static final LocalDate D29 = LocalDate.parse("2024-11-29");
    static final LocalDate D30 = LocalDate.parse("2024-11-30");
    static final Area SYRIA = Area.country(SYR);
    static final Area ALEPPO = new Area(SYR, "SY02", null);
    static final Area JEBEL_SAMAN = new Area(SYR, "SY02", "SY0200");
    static final Area AL_BAB = new Area(SYR, "SY02", "SY0201");
    static final Area IDLEB = new Area(SYR, "SY07", null);

    private Reports() {
    }

    static Builder incident(String id) {
        return new Builder(id, Scope.INCIDENT);
    }

    static Builder periodTotal(String id) {
        return new Builder(id, Scope.PERIOD_TOTAL).period(D27, D29).at("SY02");
    }

    static Builder stock(String id) {
        return new Builder(id, Scope.STOCK).on(D29).at("SY02");
    }

    static Builder territory(String id) {
        return new Builder(id, Scope.TERRITORY_CHANGE).period(D27, D29).at("SY02");
    }

    static final class Builder {
        private final String id;
        private final Scope scope;
        private int revision = 1;
        private Status status = Status.ACCEPTED;
        private String incidentKey;
        private SourceKind kind = SourceKind.MONITOR;
        private String sourceName = "SOHR";
        private Instant publishedAt = Instant.parse("2024-11-29T12:00:00Z");
        private Instant updatedAt;
        private LocalDate start = D27;
        private LocalDate end = D27;
        private String country = SYR;
        private String admin1 = "SY02";
        private String admin2 = "SY0200";
        private String placeName = "Aleppo";
        private EventType eventType = EventType.BATTLES;
        private final List<Actor> actors = new ArrayList<>();
        private final List<Figure> figures = new ArrayList<>();
        private Territory territory;

        private Builder(String id, Scope scope) {
            this.id = id;
            this.scope = scope;
        }

        Builder revision(int r) {
            revision = r;
            return this;
        }

        Builder status(Status s) {
            status = s;
            return this;
        }

        Builder key(String k) {
            incidentKey = k;
            return this;
        }

        Builder source(SourceKind k, String name) {
            kind = k;
            sourceName = name;
            return this;
        }

        Builder source(String name) {
            sourceName = name;
            return this;
        }

        Builder published(String instant) {
            publishedAt = Instant.parse(instant);
            return this;
        }

        /** The server time of the revision (defaults to publishedAt). */
        Builder updated(String instant) {
            updatedAt = Instant.parse(instant);
            return this;
        }

        Builder on(LocalDate day) {
            start = day;
            end = day;
            return this;
        }

        Builder period(LocalDate from, LocalDate to) {
            start = from;
            end = to;
            return this;
        }

        Builder country(String c) {
            country = c;
            return this;
        }

        /** admin1 precision. */
        Builder at(String a1) {
            admin1 = a1;
            admin2 = null;
            return this;
        }

        Builder at(String a1, String a2) {
            admin1 = a1;
            admin2 = a2;
            return this;
        }

        Builder atCountry() {
            admin1 = null;
            admin2 = null;
            return this;
        }

        Builder place(String name) {
            placeName = name;
            return this;
        }

        Builder event(EventType t) {
            eventType = t;
            return this;
        }

        Builder actors(String... names) {
            for (String n : names) {
                actors.add(new Actor(n, ActorType.REBEL_GROUP, null));
            }
            return this;
        }

        Builder fig(Metric m, Group g, long v, Qualifier q) {
            figures.add(new Figure(m, g, v, q, null));
            return this;
        }

        /** A figure with the source's own range (low <= v <= high). */
        Builder fig(Metric m, Group g, long low, long v, long high, Qualifier q) {
            figures.add(new Figure(m, g, v, low, high, q, null));
            return this;
        }

        /** killed/all with the source's own range, as UCDP gives it. */
        Builder killed(long low, long best, long high) {
            return fig(Metric.KILLED, Group.ALL, low, best, high, Qualifier.EXACT);
        }

        Builder fig(Metric m, Group g, long v) {
            return fig(m, g, v, Qualifier.EXACT);
        }

        Builder killed(long v) {
            return fig(Metric.KILLED, Group.ALL, v);
        }

        Builder killedAtLeast(long v) {
            return fig(Metric.KILLED, Group.ALL, v, Qualifier.AT_LEAST);
        }

        Builder civilians(long v) {
            return fig(Metric.KILLED, Group.CIVILIANS, v);
        }

        Builder combatants(long v) {
            return fig(Metric.KILLED, Group.COMBATANTS, v);
        }

        Builder displaced(long v) {
            return fig(Metric.DISPLACED, Group.ALL, v);
        }

        Builder taken(Long count, String toActor, String... places) {
            territory = new Territory(count, Qualifier.AT_LEAST, toActor, null, Arrays.asList(places));
            return this;
        }

        Builder territoryQualifier(Qualifier q) {
            territory = new Territory(territory.placesCount(), q, territory.toActor(), territory.fromActor(),
                    territory.places());
            return this;
        }

        StoredReport build() {
            PlacePrecision precision = admin2 != null ? PlacePrecision.ADMIN2
                    : admin1 != null ? PlacePrecision.ADMIN1 : PlacePrecision.COUNTRY;
            Report r = new Report(scope, incidentKey,
                    new Source(kind, sourceName, null, publishedAt, false),
                    new Period(start, end),
                    start.equals(end) ? DatePrecision.DAY : DatePrecision.DAYS,
                    new Place(country, admin1, admin2, null, placeName, null, null, precision),
                    eventType, null, List.copyOf(actors), List.copyOf(figures), territory,
                    null, "en", List.of(), null);
            return new StoredReport(id, revision, status, "sub-1", publishedAt,
                    updatedAt == null ? publishedAt : updatedAt, null, r);
        }
    }
}
