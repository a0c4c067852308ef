-- newsfacts archive schema, version 3: each archive entity's timeline, kept in date order.
-- Rebuilt with the resolution (newsfacts.resolve.entities.resolve_archive).
CREATE TABLE archive_timeline (
    archive_entity_id TEXT NOT NULL REFERENCES archive_entities(id) ON DELETE CASCADE,
    sort_date         TEXT NOT NULL,
    event_id          INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    role              TEXT NOT NULL,          -- its strongest role: agent, patient, mentioned
    PRIMARY KEY (archive_entity_id, sort_date, event_id)
) WITHOUT ROWID;
