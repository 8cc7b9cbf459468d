-- 0008_norms.sql: 规章和规范性文件库 — normative documents with their validity, its
-- history, and review campaigns (清理).  See docs/norms.md and src/norms/norms.h.

-- A normative document is a published item with this record.  state: 有效, 已修改 (by
-- amended_by), 已废止 (by repealed_by on changed_at), 已失效 (the term ended: expires_at).
CREATE TABLE norm(
  item_id      INTEGER PRIMARY KEY REFERENCES item(id),
  type         TEXT NOT NULL DEFAULT '行政规范性文件' CHECK(type IN ('规章','行政规范性文件')),
  issued_at    TEXT NOT NULL,                   -- 制发日期 YYYY-MM-DD
  effective_at TEXT NOT NULL,                   -- 施行日期
  expires_at   TEXT,                            -- 有效期至 (last valid day); NULL: no term
  state        TEXT NOT NULL DEFAULT '有效' CHECK(state IN ('有效','已修改','已废止','已失效')),
  changed_at   TEXT,                            -- date the state last changed
  by_item      INTEGER REFERENCES item(id),     -- the amending or repealing document
  CHECK(expires_at IS NULL OR expires_at >= effective_at)
);
CREATE INDEX norm_state ON norm(state, expires_at);

-- Every change of a norm's state, automatic or by hand.
CREATE TABLE norm_event(
  id         INTEGER PRIMARY KEY,
  item_id    INTEGER NOT NULL REFERENCES norm(item_id),
  at         TEXT NOT NULL,                     -- time of the record (UTC)
  date       TEXT NOT NULL,                     -- date the change took effect
  from_state TEXT NOT NULL,
  to_state   TEXT NOT NULL,
  by_item    INTEGER REFERENCES item(id),
  user_id    INTEGER REFERENCES user(id),       -- NULL: automatic (expiry)
  note       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX norm_event_item ON norm_event(item_id, id);

-- Review campaigns (规范性文件清理) and their result per document.
CREATE TABLE norm_review(
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  year       INTEGER NOT NULL,
  created_by INTEGER REFERENCES user(id),
  created_at TEXT NOT NULL
);
CREATE TABLE norm_review_result(
  review_id INTEGER NOT NULL REFERENCES norm_review(id),
  item_id   INTEGER NOT NULL REFERENCES norm(item_id),
  result    TEXT NOT NULL CHECK(result IN ('继续有效','修改','废止','宣布失效')),
  note      TEXT NOT NULL DEFAULT '',
  user_id   INTEGER REFERENCES user(id),
  at        TEXT NOT NULL,
  PRIMARY KEY(review_id, item_id)
) WITHOUT ROWID;
