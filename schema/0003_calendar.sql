-- 0003_calendar.sql: the official holiday arrangements (放假 and 调休上班 days).
-- zwgk init fills it from data/holidays-cn.csv; `zwgk workday import` adds years.
CREATE TABLE holiday(
  date TEXT PRIMARY KEY,                       -- YYYY-MM-DD
  kind TEXT NOT NULL CHECK(kind IN ('off','work')),
  name TEXT NOT NULL,
  year INTEGER NOT NULL                        -- year of the notice
) WITHOUT ROWID;
