-- 0012_search_date.sql: the live items newest first, for search sorted by date: a common
-- word walks this index and probes item_fts per item instead of sorting every match
-- (src/search/search.c, bench/search/README.md).
CREATE INDEX item_live_pub ON item(published_at DESC, id DESC)
  WHERE live_version > 0 AND state <> 'withdrawn';
