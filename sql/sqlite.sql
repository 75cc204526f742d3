CREATE TABLE IF NOT EXISTS "ef_migrations_history" (
    "migration_id" TEXT NOT NULL CONSTRAINT "pk_ef_migrations_history" PRIMARY KEY,
    "product_version" TEXT NOT NULL
);

BEGIN TRANSACTION;
CREATE TABLE "audit_event" (
    "id" TEXT NOT NULL CONSTRAINT "pk_audit_event" PRIMARY KEY,
    "user_id" TEXT NULL,
    "kind" TEXT NOT NULL,
    "at" TEXT NOT NULL,
    "ip" TEXT NULL,
    "user_agent" TEXT NULL,
    "detail" TEXT NULL
);

CREATE TABLE "data_protection_keys" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_data_protection_keys" PRIMARY KEY AUTOINCREMENT,
    "friendly_name" TEXT NULL,
    "xml" TEXT NULL
);

CREATE TABLE "users" (
    "id" TEXT NOT NULL CONSTRAINT "pk_users" PRIMARY KEY,
    "display_name" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "user_name" TEXT NULL,
    "normalized_user_name" TEXT NULL,
    "email" TEXT NULL,
    "normalized_email" TEXT NULL,
    "email_confirmed" INTEGER NOT NULL,
    "password_hash" TEXT NULL,
    "security_stamp" TEXT NULL,
    "concurrency_stamp" TEXT NULL,
    "phone_number" TEXT NULL,
    "phone_number_confirmed" INTEGER NOT NULL,
    "two_factor_enabled" INTEGER NOT NULL,
    "lockout_end" TEXT NULL,
    "lockout_enabled" INTEGER NOT NULL,
    "access_failed_count" INTEGER NOT NULL
);

CREATE TABLE "auth_session" (
    "id" TEXT NOT NULL CONSTRAINT "pk_auth_session" PRIMARY KEY,
    "user_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "last_seen_at" TEXT NOT NULL,
    "expires_at" TEXT NOT NULL,
    "revoked_at" TEXT NULL,
    "ip" TEXT NULL,
    "user_agent" TEXT NULL,
    CONSTRAINT "fk_auth_session_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE TABLE "task" (
    "id" TEXT NOT NULL CONSTRAINT "pk_task" PRIMARY KEY,
    "user_id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NULL,
    "status" INTEGER NOT NULL,
    "priority" INTEGER NOT NULL,
    "due_at" TEXT NULL,
    "tags" TEXT NOT NULL,
    "position" REAL NOT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    "completed_at" TEXT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "fk_task_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE TABLE "user_claims" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_user_claims" PRIMARY KEY AUTOINCREMENT,
    "user_id" TEXT NOT NULL,
    "claim_type" TEXT NULL,
    "claim_value" TEXT NULL,
    CONSTRAINT "fk_user_claims_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE TABLE "user_logins" (
    "login_provider" TEXT NOT NULL,
    "provider_key" TEXT NOT NULL,
    "provider_display_name" TEXT NULL,
    "user_id" TEXT NOT NULL,
    CONSTRAINT "pk_user_logins" PRIMARY KEY ("login_provider", "provider_key"),
    CONSTRAINT "fk_user_logins_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE TABLE "user_tokens" (
    "user_id" TEXT NOT NULL,
    "login_provider" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "value" TEXT NULL,
    CONSTRAINT "pk_user_tokens" PRIMARY KEY ("user_id", "login_provider", "name"),
    CONSTRAINT "fk_user_tokens_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_audit_event_user_id_at" ON "audit_event" ("user_id", "at");

CREATE INDEX "ix_auth_session_user_id_created_at" ON "auth_session" ("user_id", "created_at");

CREATE INDEX "ix_task_user_id_created_at" ON "task" ("user_id", "created_at");

CREATE INDEX "ix_task_user_id_due_at" ON "task" ("user_id", "due_at");

CREATE INDEX "ix_task_user_id_status_position" ON "task" ("user_id", "status", "position");

CREATE INDEX "ix_user_claims_user_id" ON "user_claims" ("user_id");

CREATE INDEX "ix_user_logins_user_id" ON "user_logins" ("user_id");

CREATE UNIQUE INDEX "ix_users_normalized_email" ON "users" ("normalized_email");

CREATE UNIQUE INDEX "ix_users_normalized_user_name" ON "users" ("normalized_user_name");

INSERT INTO "ef_migrations_history" ("migration_id", "product_version")
VALUES ('20261124074334_Initial', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "task" ADD "idempotency_fingerprint" TEXT NULL;

ALTER TABLE "task" ADD "idempotency_key" TEXT NULL;

CREATE UNIQUE INDEX "ix_task_user_id_idempotency_key" ON "task" ("user_id", "idempotency_key");

INSERT INTO "ef_migrations_history" ("migration_id", "product_version")
VALUES ('20261124105544_TaskIdempotencyKey', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "auth_session" ADD "scopes" TEXT NOT NULL DEFAULT '';

UPDATE auth_session SET scopes = CASE kind WHEN 'token' THEN 'tasks:read tasks:write' ELSE 'tasks:read tasks:write account' END;

UPDATE users SET lockout_end = NULL, access_failed_count = 0;

CREATE TABLE "sign_in_throttle" (
    "email_hash" TEXT NOT NULL CONSTRAINT "pk_sign_in_throttle" PRIMARY KEY,
    "attempts" INTEGER NOT NULL,
    "locked_until" TEXT NULL,
    "updated_at" TEXT NOT NULL
);

INSERT INTO "ef_migrations_history" ("migration_id", "product_version")
VALUES ('20261125040314_SignInThrottleAndScopes', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "users" ADD "notify_new_sign_ins" INTEGER NOT NULL DEFAULT 1;

CREATE TABLE "account_token" (
    "id" TEXT NOT NULL CONSTRAINT "pk_account_token" PRIMARY KEY,
    "user_id" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "data" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "expires_at" TEXT NOT NULL,
    "used_at" TEXT NULL,
    "failures" INTEGER NOT NULL,
    CONSTRAINT "fk_account_token_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE TABLE "email_outbox" (
    "id" TEXT NOT NULL CONSTRAINT "pk_email_outbox" PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text_body" TEXT NOT NULL,
    "html_body" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "next_attempt_at" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "sent_at" TEXT NULL,
    "failed_at" TEXT NULL,
    "last_error" TEXT NULL,
    "claimed_until" TEXT NULL,
    "claimed_by" TEXT NULL
);

CREATE TABLE "known_device" (
    "user_id" TEXT NOT NULL,
    "device_hash" TEXT NOT NULL,
    "first_seen_at" TEXT NOT NULL,
    "last_seen_at" TEXT NOT NULL,
    CONSTRAINT "pk_known_device" PRIMARY KEY ("user_id", "device_hash"),
    CONSTRAINT "fk_known_device_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE TABLE "user_passkeys" (
    "credential_id" BLOB NOT NULL CONSTRAINT "pk_user_passkeys" PRIMARY KEY,
    "user_id" TEXT NOT NULL,
    "last_used_at" TEXT NULL,
    "data" TEXT NOT NULL,
    CONSTRAINT "fk_user_passkeys_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_account_token_token_hash" ON "account_token" ("token_hash");

CREATE INDEX "ix_account_token_user_id_purpose_created_at" ON "account_token" ("user_id", "purpose", "created_at");

CREATE INDEX "ix_email_outbox_sent_at_failed_at_next_attempt_at" ON "email_outbox" ("sent_at", "failed_at", "next_attempt_at");

CREATE INDEX "ix_user_passkeys_user_id" ON "user_passkeys" ("user_id");

INSERT INTO "ef_migrations_history" ("migration_id", "product_version")
VALUES ('20261125045819_AccountsEmailTwoFactorPasskeys', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "users" ADD "time_zone" TEXT NULL;

ALTER TABLE "task" ADD "due_is_date" INTEGER NOT NULL DEFAULT 0;

UPDATE task SET due_is_date = 1, due_at = substr(due_at, 1, 10) || ' 00:00:00' WHERE due_at LIKE '% 23:59:59';

INSERT INTO "ef_migrations_history" ("migration_id", "product_version")
VALUES ('20261125051842_DueDaysAndTimeZones', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "users" ADD "disabled_at" TEXT NULL;

ALTER TABLE "users" ADD "is_admin" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "audit_event" ADD "actor_id" TEXT NULL;

INSERT INTO "ef_migrations_history" ("migration_id", "product_version")
VALUES ('20261125072054_AdminsAndDisabledAccounts', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "board" (
    "id" TEXT NOT NULL CONSTRAINT "pk_board" PRIMARY KEY,
    "owner_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    "archived_at" TEXT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "fk_board_users_owner_id" FOREIGN KEY ("owner_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE TABLE "board_column" (
    "id" TEXT NOT NULL CONSTRAINT "pk_board_column" PRIMARY KEY,
    "board_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "is_done" INTEGER NOT NULL,
    "wip_limit" INTEGER NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "ak_board_columns_id_board_id" UNIQUE ("id", "board_id"),
    CONSTRAINT "fk_board_column_board_board_id" FOREIGN KEY ("board_id") REFERENCES "board" ("id") ON DELETE CASCADE
);

ALTER TABLE "users" ADD "last_board_id" TEXT NULL;

ALTER TABLE "task" ADD "board_id" TEXT NOT NULL DEFAULT '00000000-0000-0000-0000-000000000000';

ALTER TABLE "task" ADD "column_id" TEXT NOT NULL DEFAULT '00000000-0000-0000-0000-000000000000';

INSERT INTO board (id, owner_id, name, created_at, updated_at, archived_at, version) SELECT upper(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-' || substr(h, 13, 4) || '-' || substr(h, 17, 4) || '-' || substr(h, 21, 12)), u.id, 'My tasks', strftime('%Y-%m-%d %H:%M:%f', 'now'), strftime('%Y-%m-%d %H:%M:%f', 'now'), NULL, 1 FROM (SELECT id, hex(randomblob(16)) AS h FROM users) u;

INSERT INTO board_column (id, board_id, name, position, is_done, wip_limit, version) SELECT upper(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-' || substr(h, 13, 4) || '-' || substr(h, 17, 4) || '-' || substr(h, 21, 12)), b.id, b.name, b.position, b.is_done, NULL, 1 FROM (SELECT board.id, c.name, c.position, c.is_done, hex(randomblob(16)) AS h FROM board CROSS JOIN (SELECT 'To do' AS name, 0 AS position, 0 AS is_done UNION ALL SELECT 'In progress', 1, 0 UNION ALL SELECT 'Done', 2, 1) c) b;

UPDATE task SET board_id = (SELECT b.id FROM board b WHERE b.owner_id = task.user_id), column_id = (SELECT c.id FROM board_column c JOIN board b ON b.id = c.board_id WHERE b.owner_id = task.user_id AND c.position = task.status), completed_at = CASE WHEN task.status = 2 THEN coalesce(task.completed_at, task.updated_at) END;

DROP INDEX "ix_task_user_id_created_at";

DROP INDEX "ix_task_user_id_due_at";

DROP INDEX "ix_task_user_id_status_position";

CREATE INDEX "ix_task_board_id_created_at" ON "task" ("board_id", "created_at");

CREATE INDEX "ix_task_board_id_due_at" ON "task" ("board_id", "due_at");

CREATE INDEX "ix_task_column_id_board_id" ON "task" ("column_id", "board_id");

CREATE INDEX "ix_task_column_id_position" ON "task" ("column_id", "position");

CREATE INDEX "ix_board_owner_id" ON "board" ("owner_id");

CREATE INDEX "ix_board_column_board_id_position" ON "board_column" ("board_id", "position");

CREATE TABLE "ef_temp_task" (
    "id" TEXT NOT NULL CONSTRAINT "pk_task" PRIMARY KEY,
    "board_id" TEXT NOT NULL,
    "column_id" TEXT NOT NULL,
    "completed_at" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "description" TEXT NULL,
    "due_at" TEXT NULL,
    "due_is_date" INTEGER NOT NULL,
    "idempotency_fingerprint" TEXT NULL,
    "idempotency_key" TEXT NULL,
    "position" REAL NOT NULL,
    "priority" INTEGER NOT NULL,
    "tags" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "fk_task_board_columns_column_id_board_id" FOREIGN KEY ("column_id", "board_id") REFERENCES "board_column" ("id", "board_id") ON DELETE CASCADE,
    CONSTRAINT "fk_task_boards_board_id" FOREIGN KEY ("board_id") REFERENCES "board" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_task_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

INSERT INTO "ef_temp_task" ("id", "board_id", "column_id", "completed_at", "created_at", "description", "due_at", "due_is_date", "idempotency_fingerprint", "idempotency_key", "position", "priority", "tags", "title", "updated_at", "user_id", "version")
SELECT "id", "board_id", "column_id", "completed_at", "created_at", "description", "due_at", "due_is_date", "idempotency_fingerprint", "idempotency_key", "position", "priority", "tags", "title", "updated_at", "user_id", "version"
FROM "task";

COMMIT;

PRAGMA foreign_keys = 0;

BEGIN TRANSACTION;
DROP TABLE "task";

ALTER TABLE "ef_temp_task" RENAME TO "task";

COMMIT;

PRAGMA foreign_keys = 1;

BEGIN TRANSACTION;
CREATE INDEX "ix_task_board_id_created_at" ON "task" ("board_id", "created_at");

CREATE INDEX "ix_task_board_id_due_at" ON "task" ("board_id", "due_at");

CREATE INDEX "ix_task_column_id_board_id" ON "task" ("column_id", "board_id");

CREATE INDEX "ix_task_column_id_position" ON "task" ("column_id", "position");

CREATE UNIQUE INDEX "ix_task_user_id_idempotency_key" ON "task" ("user_id", "idempotency_key");

COMMIT;

INSERT INTO "ef_migrations_history" ("migration_id", "product_version")
VALUES ('20261125091357_BoardsAndColumns', '10.0.15');

BEGIN TRANSACTION;
DROP INDEX "ix_task_user_id_idempotency_key";

ALTER TABLE "task" RENAME COLUMN "user_id" TO "created_by";

ALTER TABLE "task" ADD "assignee_ids" TEXT NOT NULL DEFAULT '[]';

ALTER TABLE "task" ADD "updated_by" TEXT NULL;

UPDATE task SET updated_by = created_by;

CREATE TABLE "board_invitation" (
    "id" TEXT NOT NULL CONSTRAINT "pk_board_invitation" PRIMARY KEY,
    "board_id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "normalized_email" TEXT NOT NULL,
    "role" INTEGER NOT NULL,
    "invited_by" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "expires_at" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    CONSTRAINT "fk_board_invitation_board_board_id" FOREIGN KEY ("board_id") REFERENCES "board" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_board_invitation_users_invited_by" FOREIGN KEY ("invited_by") REFERENCES "users" ("id") ON DELETE SET NULL
);

CREATE TABLE "board_member" (
    "board_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "role" INTEGER NOT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "pk_board_member" PRIMARY KEY ("board_id", "user_id"),
    CONSTRAINT "fk_board_member_board_board_id" FOREIGN KEY ("board_id") REFERENCES "board" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_board_member_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE TABLE "task_activity" (
    "id" TEXT NOT NULL CONSTRAINT "pk_task_activity" PRIMARY KEY,
    "task_id" TEXT NOT NULL,
    "actor_id" TEXT NULL,
    "at" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "details" TEXT NOT NULL,
    CONSTRAINT "fk_task_activity_task_task_id" FOREIGN KEY ("task_id") REFERENCES "task" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_task_activity_users_actor_id" FOREIGN KEY ("actor_id") REFERENCES "users" ("id") ON DELETE SET NULL
);

CREATE TABLE "task_comment" (
    "id" TEXT NOT NULL CONSTRAINT "pk_task_comment" PRIMARY KEY,
    "task_id" TEXT NOT NULL,
    "author_id" TEXT NULL,
    "body" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "fk_task_comment_task_task_id" FOREIGN KEY ("task_id") REFERENCES "task" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_task_comment_users_author_id" FOREIGN KEY ("author_id") REFERENCES "users" ("id") ON DELETE SET NULL
);

INSERT INTO board_member (board_id, user_id, role, created_at) SELECT id, owner_id, 3, created_at FROM board;

CREATE UNIQUE INDEX "ix_task_created_by_idempotency_key" ON "task" ("created_by", "idempotency_key");

CREATE INDEX "ix_task_updated_by" ON "task" ("updated_by");

CREATE UNIQUE INDEX "ix_board_invitation_board_id_normalized_email" ON "board_invitation" ("board_id", "normalized_email");

CREATE INDEX "ix_board_invitation_invited_by" ON "board_invitation" ("invited_by");

CREATE INDEX "ix_board_invitation_normalized_email" ON "board_invitation" ("normalized_email");

CREATE UNIQUE INDEX "ix_board_invitation_token_hash" ON "board_invitation" ("token_hash");

CREATE UNIQUE INDEX "ix_board_member_one_owner" ON "board_member" ("board_id") WHERE role = 3;

CREATE INDEX "ix_board_member_user_id_board_id_role" ON "board_member" ("user_id", "board_id", "role");

CREATE INDEX "ix_task_activity_actor_id" ON "task_activity" ("actor_id");

CREATE INDEX "ix_task_activity_task_id_at_id" ON "task_activity" ("task_id", "at", "id");

CREATE INDEX "ix_task_comment_author_id" ON "task_comment" ("author_id");

CREATE INDEX "ix_task_comment_task_id_created_at_id" ON "task_comment" ("task_id", "created_at", "id");

CREATE TABLE "ef_temp_task" (
    "id" TEXT NOT NULL CONSTRAINT "pk_task" PRIMARY KEY,
    "assignee_ids" TEXT NOT NULL,
    "board_id" TEXT NOT NULL,
    "column_id" TEXT NOT NULL,
    "completed_at" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "created_by" TEXT NULL,
    "description" TEXT NULL,
    "due_at" TEXT NULL,
    "due_is_date" INTEGER NOT NULL,
    "idempotency_fingerprint" TEXT NULL,
    "idempotency_key" TEXT NULL,
    "position" REAL NOT NULL,
    "priority" INTEGER NOT NULL,
    "tags" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    "updated_by" TEXT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "fk_task_board_columns_column_id_board_id" FOREIGN KEY ("column_id", "board_id") REFERENCES "board_column" ("id", "board_id") ON DELETE CASCADE,
    CONSTRAINT "fk_task_boards_board_id" FOREIGN KEY ("board_id") REFERENCES "board" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_task_users_created_by" FOREIGN KEY ("created_by") REFERENCES "users" ("id") ON DELETE SET NULL,
    CONSTRAINT "fk_task_users_updated_by" FOREIGN KEY ("updated_by") REFERENCES "users" ("id") ON DELETE SET NULL
);

INSERT INTO "ef_temp_task" ("id", "assignee_ids", "board_id", "column_id", "completed_at", "created_at", "created_by", "description", "due_at", "due_is_date", "idempotency_fingerprint", "idempotency_key", "position", "priority", "tags", "title", "updated_at", "updated_by", "version")
SELECT "id", "assignee_ids", "board_id", "column_id", "completed_at", "created_at", "created_by", "description", "due_at", "due_is_date", "idempotency_fingerprint", "idempotency_key", "position", "priority", "tags", "title", "updated_at", "updated_by", "version"
FROM "task";

COMMIT;

PRAGMA foreign_keys = 0;

BEGIN TRANSACTION;
DROP TABLE "task";

ALTER TABLE "ef_temp_task" RENAME TO "task";

COMMIT;

PRAGMA foreign_keys = 1;

BEGIN TRANSACTION;
CREATE INDEX "ix_task_board_id_created_at" ON "task" ("board_id", "created_at");

CREATE INDEX "ix_task_board_id_due_at" ON "task" ("board_id", "due_at");

CREATE INDEX "ix_task_column_id_board_id" ON "task" ("column_id", "board_id");

CREATE INDEX "ix_task_column_id_position" ON "task" ("column_id", "position");

CREATE UNIQUE INDEX "ix_task_created_by_idempotency_key" ON "task" ("created_by", "idempotency_key");

CREATE INDEX "ix_task_updated_by" ON "task" ("updated_by");

COMMIT;

INSERT INTO "ef_migrations_history" ("migration_id", "product_version")
VALUES ('20261204152500_SharedBoards', '10.0.15');

