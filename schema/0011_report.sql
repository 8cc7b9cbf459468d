-- 0011_report.sql: the annual report (政府信息公开工作年度报告) of each unit and year,
-- in the national template of 国办公开办函〔2021〕30号 (src/report/, docs/report.md).
--
-- Tables 三 and 四 are computed from the applications (schema/0007_apply.sql) and the
-- 规章/规范性文件 rows of table 二 from the library (schema/0008_norms.sql) every time
-- the report is built; only what cannot be computed is stored here: the figures of
-- table 二 that come from other systems, the narrative sections as staff edited them,
-- and the item the report was published as.

CREATE TABLE annual_report(
  unit_id      INTEGER NOT NULL REFERENCES unit(id),
  year         INTEGER NOT NULL CHECK(year BETWEEN 2000 AND 2100),
  -- Table 二, 本年处理决定数量 (第二十条第（五）（六）项); NULL: not entered yet.
  licensing    INTEGER CHECK(licensing >= 0),          -- 行政许可
  punishment   INTEGER CHECK(punishment >= 0),         -- 行政处罚
  coercion     INTEGER CHECK(coercion >= 0),           -- 行政强制
  -- 行政事业性收费 本年收费金额 (第二十条第（八）项) in yuan; shown in 万元.
  fee_yuan     INTEGER CHECK(fee_yuan >= 0),
  figures_at   TEXT,                                   -- UTC time of the last entry
  figures_by   INTEGER REFERENCES user(id),
  figures_via  TEXT NOT NULL DEFAULT '',               -- 'form' or 'api'
  -- Narrative sections as saved by staff; NULL: the prefilled text is shown.
  text_general  TEXT,                                  -- 一、总体情况
  text_problems TEXT,                                  -- 五、存在的主要问题及改进情况
  text_other    TEXT,                                  -- 六、其他需要报告的事项
  text_at      TEXT,
  text_by      INTEGER REFERENCES user(id),
  -- The item the report was published as (column nb), and when.
  item_id      INTEGER REFERENCES item(id),
  published_at TEXT,
  PRIMARY KEY(unit_id, year)
) WITHOUT ROWID;
