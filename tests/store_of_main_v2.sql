-- A store written by docgen at main 013de06 (schema version 2): one order of the Таяндинская school,
-- its file's folder replaced by {OUT}. Made with sqlite3's iterdump, one statement a line;
-- test_journal_void loads it.
BEGIN TRANSACTION;
CREATE TABLE act_history ( id INTEGER NOT NULL, org_id INTEGER NOT NULL, act_id VARCHAR(200) NOT NULL, changed_at DATETIME NOT NULL, who VARCHAR(200) NOT NULL, from_status VARCHAR(40) NOT NULL, to_status VARCHAR(40) NOT NULL, order_number VARCHAR(100), order_date DATE, published_at TEXT, note TEXT, responsible VARCHAR(500), PRIMARY KEY (id), FOREIGN KEY(org_id) REFERENCES organizations (id) );
CREATE TABLE act_status ( org_id INTEGER NOT NULL, act_id VARCHAR(200) NOT NULL, status VARCHAR(40) NOT NULL, order_number VARCHAR(100), order_date DATE, published_at TEXT, note TEXT, responsible VARCHAR(500), updated_at DATETIME NOT NULL, PRIMARY KEY (org_id, act_id), FOREIGN KEY(org_id) REFERENCES organizations (id) );
CREATE TABLE order_journal ( id INTEGER NOT NULL, org_id INTEGER NOT NULL, year INTEGER NOT NULL, seq INTEGER, number VARCHAR(100) NOT NULL, order_date DATE NOT NULL, doc_type VARCHAR(100) NOT NULL, title TEXT NOT NULL, file TEXT, input_hash VARCHAR(64) NOT NULL, status VARCHAR(20) NOT NULL, manual BOOLEAN NOT NULL, created_at DATETIME NOT NULL, completed_at DATETIME, PRIMARY KEY (id), CONSTRAINT uq_order_journal_number UNIQUE (org_id, year, number), CONSTRAINT uq_order_journal_seq UNIQUE (org_id, year, seq), FOREIGN KEY(org_id) REFERENCES organizations (id) );
INSERT INTO "order_journal" VALUES(1,1,2026,1,'1-од','2026-09-01','working-group-order','Приказ о создании рабочей группы по совершенствованию ВСОКО','{OUT}/Приказ о создании рабочей группы по совершенствованию ВСОКО № 1-од от 01.09.2026.docx','0d0137db36a43516eec479570b7f4b52058187a58e8b3600ca7f0fc87247b1c9','complete',0,'2026-11-30 07:47:02.000000','2026-11-30 07:47:03.000000');
CREATE TABLE organizations ( id INTEGER NOT NULL, short_name VARCHAR(500) NOT NULL, full_name TEXT, levels VARCHAR(100), created_at DATETIME NOT NULL, PRIMARY KEY (id), UNIQUE (short_name) );
INSERT INTO "organizations" VALUES(1,'МКОУ «Таяндинская СОШ»','Муниципальное казённое общеобразовательное учреждение «Таяндинская средняя общеобразовательная школа»','НОО,ООО,СОО','2026-11-30 07:47:02.000000');
CREATE TABLE schema_version ( version INTEGER NOT NULL );
INSERT INTO "schema_version" VALUES(2);
CREATE INDEX ix_act_history_org_act ON act_history (org_id, act_id);
CREATE INDEX ix_order_journal_hash ON order_journal (org_id, year, doc_type, input_hash);
COMMIT;
