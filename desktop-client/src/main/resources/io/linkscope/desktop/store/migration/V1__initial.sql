-- The local copy as it was before the schema had versions. Written with "if not exists" so that a
-- store made then takes this step in place and keeps its data.
create table if not exists link (
  id integer primary key,
  slug text not null,
  title text,
  target_url text not null,
  tags text not null,
  created_at integer not null,
  json text not null);
create table if not exists page (id integer primary key, json text not null);
create table if not exists rollup (
  scope text not null, scope_id integer not null, kind text not null,
  dimension text not null, hour integer not null, value text not null,
  clicks integer not null, uniques integer not null, bot_clicks integer not null,
  primary key (scope, scope_id, kind, dimension, hour, value)) without rowid;
create table if not exists workspace_hour (
  kind text not null, dimension text not null, hour integer not null, value text not null,
  clicks integer not null, uniques integer not null,
  primary key (kind, dimension, hour, value)) without rowid;
create table if not exists scope_day (
  scope text not null, scope_id integer not null, kind text not null, day integer not null,
  clicks integer not null, uniques integer not null,
  primary key (scope, kind, day, scope_id)) without rowid;
create index if not exists rollup_total_by_hour on rollup (hour) where dimension = 'total';
create table if not exists sync_state (name text primary key, value text not null);
