-- 0001_init.sql: units, users, sessions, columns, items and their versions,
-- attachments, the audit log and the transparency log.
-- Times are UTC text 'YYYY-MM-DDTHH:MM:SSZ'; calendar dates are 'YYYY-MM-DD'.

CREATE TABLE unit(
  id        INTEGER PRIMARY KEY,
  code      TEXT NOT NULL UNIQUE CHECK(code GLOB '[a-z]*' AND length(code) <= 32),
  name      TEXT NOT NULL,
  short     TEXT NOT NULL DEFAULT '',           -- 机关代字 or short name, e.g. 西财
  parent_id INTEGER REFERENCES unit(id),
  kind      TEXT NOT NULL CHECK(kind IN ('county','dept','town')),
  org_code  TEXT NOT NULL,                      -- prefix of 索引号 (区划码/组织机构代码)
  address   TEXT NOT NULL DEFAULT '',
  phone     TEXT NOT NULL DEFAULT '',
  sort      INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE user(
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL UNIQUE,
  unit_id      INTEGER NOT NULL REFERENCES unit(id),
  role         TEXT NOT NULL CHECK(role IN ('editor','reviewer','admin')),
  pw_hash      TEXT NOT NULL,
  failed       INTEGER NOT NULL DEFAULT 0,     -- consecutive failed logins
  locked_until TEXT,                           -- no login before this time
  disabled     INTEGER NOT NULL DEFAULT 0,
  created_at   TEXT NOT NULL
);

CREATE TABLE session(
  token_hash TEXT PRIMARY KEY,                 -- hex SHA-256 of the cookie token
  user_id    INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
  csrf       TEXT NOT NULL,
  ip         TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX session_user ON session(user_id);

-- A column (栏目): a tree per unit.  slug is the same across units for the
-- standard tree, which is how the portal aggregates by area.
CREATE TABLE col(
  id        INTEGER PRIMARY KEY,
  unit_id   INTEGER NOT NULL REFERENCES unit(id),
  parent_id INTEGER REFERENCES col(id),
  slug      TEXT NOT NULL,
  name      TEXT NOT NULL,
  sort      INTEGER NOT NULL DEFAULT 0,
  UNIQUE(unit_id, slug)
);
CREATE INDEX col_slug ON col(slug);

-- An item is a document with a working copy (the fields here) and published
-- versions (item_version).  state describes the working copy; live_version is
-- the version the public sees (0: never published).
CREATE TABLE item(
  id            INTEGER PRIMARY KEY,
  unit_id       INTEGER NOT NULL REFERENCES unit(id),
  col_id        INTEGER NOT NULL REFERENCES col(id),
  state         TEXT NOT NULL CHECK(state IN ('draft','pending','published','withdrawn')),
  index_no      TEXT UNIQUE,                   -- 索引号, given at first publication
  title         TEXT NOT NULL,
  issuer        TEXT NOT NULL DEFAULT '',      -- 发文机关
  docno         TEXT NOT NULL DEFAULT '',      -- 文号
  written_at    TEXT NOT NULL DEFAULT '',      -- 成文日期
  topic         TEXT NOT NULL DEFAULT '',      -- 主题分类
  genre         TEXT NOT NULL DEFAULT '',      -- 体裁
  validity      TEXT NOT NULL DEFAULT '',      -- 有效性
  disclosure    TEXT NOT NULL DEFAULT '主动公开', -- 公开方式
  format        TEXT NOT NULL DEFAULT 'text' CHECK(format IN ('text','md')),
  body          TEXT NOT NULL DEFAULT '',
  change_note   TEXT NOT NULL DEFAULT '',      -- for the next version, once published
  reject_reason TEXT NOT NULL DEFAULT '',
  live_version  INTEGER NOT NULL DEFAULT 0,
  published_at  TEXT,                          -- 发布日期: first publication (date)
  updated_at    TEXT NOT NULL,                 -- last public change (time), for feeds/ETags
  withdrawn_at  TEXT,
  withdraw_reason TEXT NOT NULL DEFAULT '',
  created_by    INTEGER REFERENCES user(id),
  created_at    TEXT NOT NULL,
  modified_at   TEXT NOT NULL                  -- last change of the working copy
);
CREATE INDEX item_col_pub ON item(col_id, state, published_at DESC, id DESC);
CREATE INDEX item_unit_state ON item(unit_id, state);
CREATE INDEX item_pub ON item(state, published_at DESC, id DESC);

-- What the public saw, version by version.
CREATE TABLE item_version(
  item_id      INTEGER NOT NULL REFERENCES item(id),
  version      INTEGER NOT NULL,
  title        TEXT NOT NULL,
  issuer       TEXT NOT NULL,
  docno        TEXT NOT NULL,
  written_at   TEXT NOT NULL,
  topic        TEXT NOT NULL,
  genre        TEXT NOT NULL,
  validity     TEXT NOT NULL,
  disclosure   TEXT NOT NULL,
  format       TEXT NOT NULL,
  body         TEXT NOT NULL,
  change_note  TEXT NOT NULL,
  content_sha256 TEXT NOT NULL,
  published_at TEXT NOT NULL,                  -- time of this version
  published_by INTEGER REFERENCES user(id),
  PRIMARY KEY(item_id, version)
) WITHOUT ROWID;

CREATE TABLE attachment(
  id         INTEGER PRIMARY KEY,
  item_id    INTEGER NOT NULL REFERENCES item(id),
  name       TEXT NOT NULL,
  mime       TEXT NOT NULL,
  size       INTEGER NOT NULL,
  sha256     TEXT NOT NULL,
  data       BLOB NOT NULL,
  version    INTEGER,                          -- item version that made it public; NULL: draft
  created_at TEXT NOT NULL
);
CREATE INDEX attachment_item ON attachment(item_id);

-- 索引号 counters, per unit and year.
CREATE TABLE index_seq(
  unit_id INTEGER NOT NULL REFERENCES unit(id),
  year    INTEGER NOT NULL,
  next    INTEGER NOT NULL,
  PRIMARY KEY(unit_id, year)
) WITHOUT ROWID;

CREATE TABLE audit(
  id        INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  user_id   INTEGER,
  user_name TEXT NOT NULL DEFAULT '',
  ip        TEXT NOT NULL DEFAULT '',
  action    TEXT NOT NULL,
  target    TEXT NOT NULL DEFAULT '',
  detail    TEXT NOT NULL DEFAULT ''
);

-- The transparency log: append-only, hash-chained (docs/transparency-log.md).
CREATE TABLE tlog(
  seq       INTEGER PRIMARY KEY,
  prev_hash TEXT NOT NULL,
  hash      TEXT NOT NULL UNIQUE,
  payload   TEXT NOT NULL
);
CREATE TRIGGER tlog_no_update BEFORE UPDATE ON tlog
  BEGIN SELECT RAISE(ABORT, 'tlog is append-only'); END;
CREATE TRIGGER tlog_no_delete BEFORE DELETE ON tlog
  BEGIN SELECT RAISE(ABORT, 'tlog is append-only'); END;

CREATE TABLE setting(
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
