-- 0010_fold.sql: the tokenizer folds about 600 traditional characters now (it folded
-- 176), so rebuild the full-text index with the new folding.
INSERT INTO item_fts(item_fts) VALUES('rebuild');
