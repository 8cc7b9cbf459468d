-- 0009_search_speed.sql: search at a million items (measured in bench/search/README.md).
--
-- 1. item_fts is rebuilt with prefix='1' instead of '3'.  FTS5 counts prefix lengths
--    in characters, so '3' indexed only ASCII words of three letters or more, which no
--    query ever asks for as a prefix, while a one-character query ("县" becomes the
--    prefix query "县" *) and every query ending in a lone character ("39号",
--    "西政办发〔2021〕39号") merged the doclists of every bigram that starts with the
--    character, once per statement: seconds at a million items.  With '1' such a
--    prefix is one doclist.  Results do not change.
-- 2. item_search holds the columns the search filters test, so checking a match
--    against a filter reads a small index entry instead of the item row, whose body
--    fills about a page (src/search/search.c names it with INDEXED BY).

DROP TABLE item_fts;

CREATE VIRTUAL TABLE item_fts USING fts5(
  title, body, docno,
  content = 'search_content', content_rowid = 'id',
  tokenize = 'zwgk', prefix = '1'
);

INSERT INTO item_fts(rowid, title, body, docno)
  SELECT i.id, v.title, v.body, v.docno
  FROM item i JOIN item_version v ON v.item_id = i.id AND v.version = i.live_version
  WHERE i.live_version > 0 AND i.state <> 'withdrawn';

CREATE INDEX item_search ON item(id, live_version, state, unit_id, col_id, genre, validity,
                                 published_at);
