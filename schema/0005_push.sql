-- 0005_push.sql: 政策找人、政策找企业 — subscribers, the push queue, webhooks, and
-- the outbox of transactional mails.  docs/push.md explains the design; times
-- stored as integers are Unix seconds (the worker compares them), text times are
-- 'YYYY-MM-DDTHH:MM:SSZ' as everywhere else.

-- Transactional mails (subscription confirmations, answers to 政策咨询 …), queued
-- by mail_enqueue() in the caller's transaction and delivered by the push worker.
-- state: 0 queued, 1 sent, 3 failed for good (after the retry cap).
CREATE TABLE mail_outbox(
  id         INTEGER PRIMARY KEY,
  to_addr    TEXT NOT NULL,
  subject    TEXT NOT NULL,
  body_text  TEXT NOT NULL,
  body_html  TEXT,                             -- NULL: plain text only
  unsub_url  TEXT,                             -- NULL: no List-Unsubscribe header
  state      INTEGER NOT NULL DEFAULT 0 CHECK(state IN (0,1,3)),
  tries      INTEGER NOT NULL DEFAULT 0,
  next_at    INTEGER NOT NULL DEFAULT 0,       -- not before (retry back-off)
  last_error TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  sent_at    TEXT
);
CREATE INDEX mail_outbox_due ON mail_outbox(next_at) WHERE state=0;

-- A subscriber, from the first POST on (double opt-in: 'pending' until the
-- confirmation link is opened).  profile/frequency are what is in force;
-- pend_profile/pend_frequency wait for the next confirmation.  Only a hash of the
-- confirmation token is kept.  Links in mails (manage, unsubscribe, feed) are
-- HMACs of (purpose, id, salt) under the setting push_secret; a new salt voids them.
CREATE TABLE subscriber(
  id             INTEGER PRIMARY KEY,
  email          TEXT NOT NULL UNIQUE COLLATE NOCASE,
  state          TEXT NOT NULL DEFAULT 'pending'
                 CHECK(state IN ('pending','active','unsubscribed')),
  profile        TEXT NOT NULL DEFAULT '{}',   -- canonical (taxonomy_normalize)
  frequency      TEXT NOT NULL DEFAULT 'immediate'
                 CHECK(frequency IN ('immediate','daily','weekly')),
  pend_profile   TEXT,
  pend_frequency TEXT CHECK(pend_frequency IN ('immediate','daily','weekly')),
  confirm_hash   TEXT UNIQUE,                  -- hex SHA-256 of the confirmation token
  confirm_sent   INTEGER NOT NULL DEFAULT 0,   -- when the last confirmation mail was queued
  salt           TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  confirmed_at   TEXT,
  unsubscribed_at TEXT
);

-- The matching copy of every active subscriber: the profile as one bit set per
-- taxonomy dimension (bit k = the k-th value in taxonomy order; 0 = not named),
-- and freq 0 immediate, 1 daily, 2 weekly.  Narrow on purpose: publishing scans it.
-- Rebuilt from subscriber.profile when the taxonomy changes (setting push_taxkey).
CREATE TABLE push_sub(
  id       INTEGER PRIMARY KEY,                -- subscriber.id
  freq     INTEGER NOT NULL,
  b_group  INTEGER NOT NULL,
  b_industry INTEGER NOT NULL,
  b_size   INTEGER NOT NULL,
  b_town   INTEGER NOT NULL,
  b_topic  INTEGER NOT NULL
);

-- One row per (item, frequency) that has queued subscribers: when it is due and
-- whether it is still to be sent.  state: 0 open, 1 done, 2 cancelled (withdrawn).
CREATE TABLE push_batch(
  item_id  INTEGER NOT NULL,
  freq     INTEGER NOT NULL,
  due      INTEGER NOT NULL,
  state    INTEGER NOT NULL DEFAULT 0 CHECK(state IN (0,1,2)),
  n        INTEGER NOT NULL,                   -- rows queued for the item (all frequencies)
  created_at TEXT NOT NULL,
  PRIMARY KEY(item_id, freq)
) WITHOUT ROWID;
CREATE INDEX push_batch_open ON push_batch(due) WHERE state=0;

-- The queue: one row per (item, subscriber), ever.  The key is what makes "never
-- twice" hold; inserts for a new item are appends.  state: 0 queued, 1 sent,
-- 3 failed for good, 4 dropped (unsubscribed before sending).  A row of a
-- cancelled batch is never sent whatever its state.
CREATE TABLE push_queue(
  item_id  INTEGER NOT NULL,
  sub_id   INTEGER NOT NULL,
  freq     INTEGER NOT NULL,
  state    INTEGER NOT NULL DEFAULT 0,
  tries    INTEGER NOT NULL DEFAULT 0,
  retry_at INTEGER NOT NULL DEFAULT 0,         -- not before (retry back-off)
  PRIMARY KEY(item_id, sub_id)
) WITHOUT ROWID;

-- Webhook endpoints (SMS gateways, new-media platforms), managed by admins through
-- /api/v1/webhooks.  profile as for subscribers; secret signs each body.
CREATE TABLE webhook(
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL DEFAULT '',
  url        TEXT NOT NULL,
  secret     TEXT NOT NULL,
  profile    TEXT NOT NULL DEFAULT '{}',
  active     INTEGER NOT NULL DEFAULT 1 CHECK(active IN (0,1)),
  created_at TEXT NOT NULL
);

-- state: 0 queued, 1 delivered, 2 cancelled (withdrawn), 3 failed for good.
CREATE TABLE webhook_queue(
  item_id    INTEGER NOT NULL,
  hook_id    INTEGER NOT NULL,
  state      INTEGER NOT NULL DEFAULT 0,
  tries      INTEGER NOT NULL DEFAULT 0,
  next_at    INTEGER NOT NULL,
  last_error TEXT NOT NULL DEFAULT '',
  sent_at    TEXT,
  PRIMARY KEY(item_id, hook_id)
) WITHOUT ROWID;
CREATE INDEX webhook_queue_due ON webhook_queue(next_at) WHERE state=0;
