-- 0004_policy.sql: policies (政策文件) and their interpretations (政策解读) as
-- linked items, their audience for push (政策找人、政策找企业), and reposts.
-- Rules: shared/spec/regs.md 3.1 (解读 within 3 working days of the policy).

-- kind: '' ordinary item, 'policy' 政策文件, 'interpretation' 政策解读.
-- A policy has scope (enterprise 面向企业, public 面向公众, internal 内部) and major
-- (重大政策).  An interpretation has form (文字解读 图示图解 …) and stage (首次解读,
-- 二次解读, 跟踪解读).  audience is canonical JSON written by taxonomy_normalize()
-- (src/interpret/taxonomy.h): '{}' means everyone.
ALTER TABLE item ADD COLUMN kind TEXT NOT NULL DEFAULT ''
  CHECK(kind IN ('','policy','interpretation'));
ALTER TABLE item ADD COLUMN scope TEXT NOT NULL DEFAULT ''
  CHECK(scope IN ('','enterprise','public','internal'));
ALTER TABLE item ADD COLUMN major INTEGER NOT NULL DEFAULT 0 CHECK(major IN (0,1));
ALTER TABLE item ADD COLUMN form TEXT NOT NULL DEFAULT '';
ALTER TABLE item ADD COLUMN stage TEXT NOT NULL DEFAULT '';
ALTER TABLE item ADD COLUMN audience TEXT NOT NULL DEFAULT '{}';
CREATE INDEX item_kind ON item(kind, unit_id) WHERE kind<>'';

-- Which policies an interpretation interprets (many to many).
CREATE TABLE interprets(
  interp_id INTEGER NOT NULL REFERENCES item(id),
  policy_id INTEGER NOT NULL REFERENCES item(id),
  PRIMARY KEY(interp_id, policy_id)
) WITHOUT ROWID;
CREATE INDEX interprets_policy ON interprets(policy_id, interp_id);

-- Where a policy or interpretation was reposted (转发转载).
CREATE TABLE repost(
  id         INTEGER PRIMARY KEY,
  item_id    INTEGER NOT NULL REFERENCES item(id),
  channel    TEXT NOT NULL CHECK(channel IN ('media','site','newmedia')),
  name       TEXT NOT NULL,                   -- 宁夏日报, 中国宁夏网, 西吉发布 …
  url        TEXT NOT NULL DEFAULT '',
  date       TEXT NOT NULL,                   -- YYYY-MM-DD
  created_by INTEGER REFERENCES user(id),
  created_at TEXT NOT NULL
);
CREATE INDEX repost_item ON repost(item_id);
