-- Run once by the postgres image on an empty data directory (docker-entrypoint-initdb.d), as the superuser the
-- compose file names (portal): one database per service, as deploy/local/postgres.sh makes them locally.
CREATE DATABASE environment OWNER portal;
CREATE DATABASE deployment OWNER portal;
CREATE DATABASE monitoring OWNER portal;
CREATE DATABASE alert OWNER portal;
CREATE DATABASE cost OWNER portal;
CREATE DATABASE admin OWNER portal;
