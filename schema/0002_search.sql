-- 0002_search.sql: full-text search over what the public sees.
-- item_fts is an external-content FTS5 table over search_content (the live version
-- of every published, not withdrawn, item); rowid = item id.  The workflow keeps it
-- current in the same transaction as each publish, change and withdrawal.
-- Tokenizer "zwgk": CJK bigrams + letter/digit words (src/text/tokenize.c);
-- prefix='3' makes one-character queries (a 3-byte prefix) fast.

CREATE VIEW search_content AS
  SELECT i.id AS id, v.title AS title, v.body AS body, v.docno AS docno
  FROM item i JOIN item_version v ON v.item_id = i.id AND v.version = i.live_version;

CREATE VIRTUAL TABLE item_fts USING fts5(
  title, body, docno,
  content = 'search_content', content_rowid = 'id',
  tokenize = 'zwgk', prefix = '3'
);

INSERT INTO item_fts(rowid, title, body, docno)
  SELECT i.id, v.title, v.body, v.docno
  FROM item i JOIN item_version v ON v.item_id = i.id AND v.version = i.live_version
  WHERE i.live_version > 0 AND i.state <> 'withdrawn';
