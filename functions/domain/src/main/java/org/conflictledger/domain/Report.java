package org.conflictledger.domain;

import java.util.List;

/**
 * A sourced statement as a client submits it: everything but the server-owned fields.
 * {@code externalId} is the report's id in another system (docs/api.md): unique among live reports.
 */
public record Report(
        Scope scope,
        String incidentKey,
        Source source,
        Period period,
        DatePrecision datePrecision,
        Place place,
        EventType eventType,
        SubEventType subEventType,
        List<Actor> actors,
        List<Figure> figures,
        Territory territory,
        String summary,
        String language,
        List<String> tags,
        String externalId) {

    public List<Actor> actorsOrEmpty() {
        return actors == null ? List.of() : actors;
    }

    public List<Figure> figuresOrEmpty() {
        return figures == null ? List.of() : figures;
    }

    public Report withSource(Source s) {
        return new Report(scope, incidentKey, s, period, datePrecision, place, eventType,
                subEventType, actors, figures, territory, summary, language, tags, externalId);
    }

    public Report withExternalId(String id) {
        return new Report(scope, incidentKey, source, period, datePrecision, place, eventType,
                subEventType, actors, figures, territory, summary, language, tags, id);
    }

    public Report withPlace(Place p) {
        return new Report(scope, incidentKey, source, period, datePrecision, p, eventType,
                subEventType, actors, figures, territory, summary, language, tags, externalId);
    }
}
