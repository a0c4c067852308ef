-- newsfacts archive schema, version 2: timeline places and an event-entity index.
ALTER TABLE events ADD COLUMN sort_date TEXT;   -- where the event goes on a timeline (YYYY-MM-DD...)
ALTER TABLE events ADD COLUMN precision TEXT;   -- day, time, month, year, ..., published, unknown
CREATE INDEX events_sort ON events(article_id, sort_date);

CREATE TABLE event_entities (                   -- each entity an event involves, and how
    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    sort_date TEXT NOT NULL,                    -- copied from events so one index serves timelines
    event_id  INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    role      TEXT NOT NULL CHECK (role IN ('agent', 'patient', 'mentioned')),
    PRIMARY KEY (entity_id, sort_date, event_id, role)
) WITHOUT ROWID;
CREATE INDEX event_entities_event ON event_entities(event_id);
