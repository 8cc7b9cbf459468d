-- 0013_search_facets.sql: search filters answered by the full-text index itself.
--
-- A search with a filter (unit, key area or column, 体裁, year, 有效性) used to check
-- every match of its words against the filter, one item_search lookup a match: a
-- second or more for a common word in a million items, however few passed.  Now
-- item_fts has a fourth column, facets, holding one token per filter value of the
-- item, and a filter is one more term that FTS5 intersects with the words
-- (src/search/search.c, bench/search/README.md):
--
--   u<unit id>   y<year published>   a<hex of a column slug, its parent's, its
--   grandparent's>   g<hex of 体裁>   v<hex of 有效性>
--
-- The view item_facets is the one definition of that text.  The table search_facets
-- keeps what was indexed, because an external-content FTS5 table deletes a row by
-- being given its old text exactly: src/publish/items.c stores the item_facets row
-- there when it indexes an item and deletes with it, so a change of column, 体裁 or
-- 有效性 (src/norms) re-indexes the item instead of corrupting the index.  (A table of
-- its own, not a column of item, whose rows hold the body: filling it for a million
-- items then writes 30 MB, not the whole item table.)
--
-- search_content now holds only live items, as item_fts does, so that FTS5's
-- 'rebuild' gives the same index as the workflow (the old view also had withdrawn
-- items, which 0010's rebuild indexed).

CREATE TABLE search_facets (
  item_id INTEGER PRIMARY KEY REFERENCES item(id),
  facets  TEXT NOT NULL
);

CREATE VIEW item_facets AS
  SELECT i.id AS id,
         'u' || i.unit_id
         || CASE WHEN i.published_at IS NOT NULL THEN ' y' || substr(i.published_at, 1, 4) ELSE '' END
         || ' a' || lower(hex(c.slug))
         || coalesce(' a' || lower(hex(p.slug)), '')
         || coalesce(' a' || lower(hex(g.slug)), '')
         || CASE WHEN i.genre <> '' THEN ' g' || lower(hex(i.genre)) ELSE '' END
         || CASE WHEN i.validity <> '' THEN ' v' || lower(hex(i.validity)) ELSE '' END
         AS facets
  FROM item i JOIN col c ON c.id = i.col_id
  LEFT JOIN col p ON p.id = c.parent_id
  LEFT JOIN col g ON g.id = p.parent_id;

DROP VIEW search_content;
CREATE VIEW search_content AS
  SELECT i.id AS id, v.title AS title, v.body AS body, v.docno AS docno,
         coalesce(s.facets, '') AS facets
  FROM item i JOIN item_version v ON v.item_id = i.id AND v.version = i.live_version
  LEFT JOIN search_facets s ON s.item_id = i.id
  WHERE i.live_version > 0 AND i.state <> 'withdrawn';

INSERT INTO search_facets(item_id, facets)
  SELECT f.id, f.facets FROM item_facets f JOIN item i ON i.id = f.id
  WHERE i.live_version > 0 AND i.state <> 'withdrawn';

DROP TABLE item_fts;
CREATE VIRTUAL TABLE item_fts USING fts5(
  title, body, docno, facets,
  content = 'search_content', content_rowid = 'id',
  tokenize = 'zwgk', prefix = '1'
);
-- The bulk build does not merge while the rows go in (automerge 0, and no crisis merge
-- before 1,000 segments) and keeps up to 128 MiB of pending index in memory before it
-- writes a segment instead of 1 MiB; then 'optimize' merges all the segments in one
-- pass.  That writes the index twice, where merging as it goes rewrote it at every
-- level: 1,000,000 items in 333 s instead of 958 s (with 64 MiB 356 s, with 256 MiB
-- 488 s).  One segment is also what queries want: every term a query reads is looked
-- up once per segment (11 segments cost 30-40 % of a query at a million items).  Publications then add small segments, merged 4 at a
-- time as usual; one writes a few KiB, so the larger buffer costs the server nothing.
-- (bench/search/README.md; bench/search/gencorpus.c builds the same way.)
INSERT INTO item_fts(item_fts, rank) VALUES('automerge', 0);
INSERT INTO item_fts(item_fts, rank) VALUES('crisismerge', 1000);
INSERT INTO item_fts(item_fts, rank) VALUES('hashsize', 134217728);
INSERT INTO item_fts(item_fts) VALUES('rebuild');
INSERT INTO item_fts(item_fts) VALUES('optimize');
INSERT INTO item_fts(item_fts, rank) VALUES('automerge', 4);
INSERT INTO item_fts(item_fts, rank) VALUES('crisismerge', 16);
