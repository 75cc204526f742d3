-- Least privilege for TaskBoard on PostgreSQL: one role owns the schema and runs the migrations,
-- another is what the app connects as, with data rights only (no CREATE, ALTER or DROP).
-- Run as a superuser (or a role with CREATEROLE and CREATEDB):  psql -v ON_ERROR_STOP=1 -f deploy/postgres-roles.sql
-- Then give both roles passwords:  \password taskboard_owner   and   \password taskboard_app
-- docs/deploy.md ("Least privilege") shows how each is used; LeastPrivilegeTests runs this file.

CREATE ROLE taskboard_owner LOGIN;
CREATE ROLE taskboard_app LOGIN;
CREATE DATABASE taskboard OWNER taskboard_owner;
GRANT CONNECT ON DATABASE taskboard TO taskboard_app;

\connect taskboard

-- The owner creates everything (migrations run as it); the app may use the schema, not change it.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO taskboard_app;
-- Tables and sequences the owner makes, now and in every later migration, are open to the app for data only.
ALTER DEFAULT PRIVILEGES FOR ROLE taskboard_owner IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO taskboard_app;
ALTER DEFAULT PRIVILEGES FOR ROLE taskboard_owner IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO taskboard_app;
