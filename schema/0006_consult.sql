-- 0006_consult.sql: 政策咨询, questions from the public on a policy or an
-- interpretation, answered in public by the unit that published it (src/consult/).

-- One question.  unit_id is the queue: the unit that published the item, fixed at
-- receipt.  name, email and question are as the asker wrote them and are never shown
-- in public; pub_question and pub_answer are the masked copies (mask_text) written
-- when the answer is published, and are what the public pages show.
CREATE TABLE question(
  id             INTEGER PRIMARY KEY,
  item_id        INTEGER NOT NULL REFERENCES item(id),
  unit_id        INTEGER NOT NULL REFERENCES unit(id),
  code           TEXT NOT NULL UNIQUE,           -- tracking code: 12 Crockford base32
  name           TEXT NOT NULL DEFAULT '',
  email          TEXT NOT NULL,
  question       TEXT NOT NULL,
  ip             TEXT NOT NULL DEFAULT '',
  state          TEXT NOT NULL DEFAULT 'open' CHECK(state IN ('open','answered','private')),
  received_at    TEXT NOT NULL,                  -- UTC time
  received_on    TEXT NOT NULL,                  -- receipt date, China time (YYYY-MM-DD)
  due            TEXT NOT NULL,                  -- last day to answer (YYYY-MM-DD)
  answer         TEXT NOT NULL DEFAULT '',       -- as written: public (masked) or mailed only
  answered_at    TEXT,
  answered_by    INTEGER REFERENCES user(id),
  pub_question   TEXT NOT NULL DEFAULT '',
  pub_answer     TEXT NOT NULL DEFAULT '',
  private_reason TEXT NOT NULL DEFAULT '',       -- why it is not published (told to the asker)
  closed_at      TEXT,                           -- when it was marked not for publication
  closed_by      INTEGER REFERENCES user(id)
);
CREATE INDEX question_queue ON question(unit_id, state, due);
CREATE INDEX question_item ON question(item_id, state, answered_at);
CREATE INDEX question_answered ON question(state, answered_at);
