-- newsfacts archive schema, version 1 (see docs/archive.md).
-- One row per article; every fact row belongs to one article and is deleted with it.
CREATE TABLE articles (
    id           INTEGER PRIMARY KEY,
    content_hash TEXT NOT NULL UNIQUE,      -- sha256 of the text: re-ingest is a no-op
    ext_id       TEXT,                       -- the id the input gave (jsonl id, file stem)
    title        TEXT,
    published    TEXT,                       -- YYYY-MM-DD or NULL
    source       TEXT,
    url          TEXT,
    language     TEXT NOT NULL DEFAULT 'en',
    text         TEXT NOT NULL,
    facts_json   TEXT NOT NULL,              -- the full newsfacts/1 record
    ingested_at  TEXT NOT NULL
);
CREATE INDEX articles_published ON articles(published);

CREATE TABLE entities (                      -- one per article entity (E1, E2, ...)
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    local_id   TEXT NOT NULL,
    name       TEXT NOT NULL,
    type       TEXT NOT NULL,
    attributes TEXT NOT NULL DEFAULT '{}',   -- JSON: age, titles, roles, affiliations
    UNIQUE (article_id, local_id)
);
CREATE INDEX entities_name ON entities(name COLLATE NOCASE);

CREATE TABLE mentions (
    id        INTEGER PRIMARY KEY,
    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    start     INTEGER NOT NULL,
    end       INTEGER NOT NULL,
    text      TEXT NOT NULL
);
CREATE INDEX mentions_entity ON mentions(entity_id);

CREATE TABLE quotes (
    id                INTEGER PRIMARY KEY,
    article_id        INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    local_id          TEXT NOT NULL,
    kind              TEXT NOT NULL,
    start             INTEGER NOT NULL,
    end               INTEGER NOT NULL,
    text              TEXT NOT NULL,
    cue               TEXT,
    speaker_entity_id INTEGER REFERENCES entities(id) ON DELETE SET NULL,
    speaker_text      TEXT
);
CREATE INDEX quotes_article ON quotes(article_id);
CREATE INDEX quotes_speaker ON quotes(speaker_entity_id);

CREATE TABLE quote_about (                   -- entities mentioned inside a quote's content
    quote_id  INTEGER NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    PRIMARY KEY (quote_id, entity_id)
);
CREATE INDEX quote_about_entity ON quote_about(entity_id);

CREATE TABLE times (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    local_id   TEXT NOT NULL,
    start      INTEGER NOT NULL,
    end        INTEGER NOT NULL,
    text       TEXT NOT NULL,
    type       TEXT NOT NULL,
    value      TEXT,
    mod        TEXT
);
CREATE INDEX times_article ON times(article_id);

CREATE TABLE amounts (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    local_id   TEXT NOT NULL,
    start      INTEGER NOT NULL,
    end        INTEGER NOT NULL,
    text       TEXT NOT NULL,
    value      REAL,
    unit       TEXT,
    mod        TEXT
);
CREATE INDEX amounts_article ON amounts(article_id);

CREATE TABLE events (
    id             INTEGER PRIMARY KEY,
    article_id     INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    local_id       TEXT NOT NULL,
    start          INTEGER NOT NULL,
    end            INTEGER NOT NULL,
    text           TEXT NOT NULL,
    time_id        INTEGER REFERENCES times(id) ON DELETE SET NULL,
    date           TEXT,                     -- normalised date value (may be vague: 2023-05, 199X)
    sentence_start INTEGER,
    sentence_end   INTEGER,
    sentence       TEXT
);
CREATE INDEX events_article ON events(article_id);
CREATE INDEX events_date ON events(date);

CREATE TABLE event_roles (
    event_id  INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    role      TEXT NOT NULL CHECK (role IN ('agent', 'patient')),
    PRIMARY KEY (event_id, entity_id, role)
);
CREATE INDEX event_roles_entity ON event_roles(entity_id);

-- Cross-article resolution (rebuilt by newsfacts.resolve.entities; never edited by hand).
CREATE TABLE archive_entities (
    id    TEXT PRIMARY KEY,                  -- stable key: a hash of the cluster's first member
    name  TEXT NOT NULL,
    type  TEXT NOT NULL,
    n_articles INTEGER NOT NULL
);
CREATE INDEX archive_entities_name ON archive_entities(name COLLATE NOCASE);

CREATE TABLE entity_links (                  -- which archive entity each article entity is, and why
    entity_id         INTEGER PRIMARY KEY REFERENCES entities(id) ON DELETE CASCADE,
    archive_entity_id TEXT NOT NULL REFERENCES archive_entities(id) ON DELETE CASCADE,
    reason            TEXT NOT NULL
);
CREATE INDEX entity_links_archive ON entity_links(archive_entity_id);

CREATE TABLE archive_aliases (               -- every name an archive entity goes by (for lookup)
    archive_entity_id TEXT NOT NULL REFERENCES archive_entities(id) ON DELETE CASCADE,
    alias             TEXT NOT NULL,
    PRIMARY KEY (archive_entity_id, alias)
);
CREATE INDEX archive_aliases_alias ON archive_aliases(alias);

CREATE TABLE ingest_failures (
    id     INTEGER PRIMARY KEY,
    input  TEXT NOT NULL,
    reason TEXT NOT NULL,
    at     TEXT NOT NULL
);

CREATE TABLE archive_state (key TEXT PRIMARY KEY, value TEXT);

-- Full-text search: external-content FTS5 tables filled in the article's own transaction.
CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='id');
CREATE VIRTUAL TABLE quotes_fts USING fts5(text, speaker_text, content='quotes', content_rowid='id');
