-- A later step for LocalStoreMigrationTest only: no "if not exists", so a second run would fail.
create table later_step (note text not null);
insert into later_step values ('applied');
