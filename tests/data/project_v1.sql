-- A CableReader project as version 1 of the schema wrote it (frozen: never edit this
-- to follow schema changes; it is what files in the wild look like).  The migration
-- tests build a .crproj from it with sqlite3 and open it with the current store.
PRAGMA application_id = 1129464914;  -- 0x43524452, "CRDR"
PRAGMA user_version = 1;

CREATE TABLE documents (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    encoding TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('source', 'article')),
    original_path TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL,
    imported TEXT NOT NULL
);
CREATE TABLE tags (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL UNIQUE,
    colour TEXT NOT NULL,
    position INTEGER NOT NULL
);
CREATE TABLE annotations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid TEXT NOT NULL UNIQUE,
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    start_offset INTEGER NOT NULL CHECK (start_offset >= 0),
    end_offset INTEGER NOT NULL CHECK (end_offset >= start_offset),
    exact TEXT NOT NULL,
    prefix TEXT NOT NULL,
    suffix TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL,
    modified TEXT NOT NULL
);
CREATE TABLE annotation_tags (
    annotation_id INTEGER NOT NULL REFERENCES annotations (id) ON DELETE CASCADE,
    tag_id INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (annotation_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX annotation_tags_by_tag ON annotation_tags (tag_id);
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- sha256 of the UTF-8 texts, as Document computes them.
INSERT INTO documents VALUES
    (1, 'cable.txt', 'The cable', 'The cable' || char(10) || 'The Ambassador said that the meeting went well.',
     'b87b5cd419af198f412cfab9ad0a9bb55f3e4653baef4eabbb9857e1aee3e9f5', 'utf-8', 'source',
     '/home/someone/cable.txt', 0, '2023-03-01T10:00:00+01:00'),
    (2, 'article.txt', 'An article', 'An article' || char(10) || 'He said “the meeting went well”, sources say.',
     '87536a8d1c04c4be6fe3279eb883b4ae4832334b1ba644dc84ab501c60e99112', 'cp1252', 'article',
     'C:\Users\someone\article.txt', 1, '2023-03-01T10:00:01+01:00');
INSERT INTO tags VALUES
    (1, '6c1b0c1e-0000-4000-8000-000000000001', 'Key passage', '#ffd54f', 0),
    (2, '6c1b0c1e-0000-4000-8000-000000000002', 'Misquote', '#ef9a9a', 1),
    (3, '6c1b0c1e-0000-4000-8000-000000000003', 'Old tag', '#cccccc', 2);
INSERT INTO annotations VALUES
    (1, 'a0000000-0000-4000-8000-000000000001', 2, 20, 41, 'the meeting went well',
     'An article' || char(10) || 'He said “', '”, sources say.', 'Quoted verbatim.', 'Ana',
     '2023-03-02T09:00:00+01:00', '2023-03-02T09:05:00+01:00'),
    (2, 'a0000000-0000-4000-8000-000000000002', 1, 10, 24, 'The Ambassador',
     'The cable' || char(10), ' said that the meeting went well', '', 'Ana',
     '2023-03-02T09:10:00+01:00', '2023-03-02T09:10:00+01:00');
INSERT INTO annotation_tags VALUES (1, 1), (1, 2), (2, 3);
INSERT INTO settings VALUES ('created', '2023-03-01T10:00:00+01:00'), ('author', 'Ana');
