-- Tokens each user spent on the LLM proxy per UTC day (day is YYYY-MM-DD):
-- the daily quota, shared by every process on the database file.
create table if not exists llm_token_usage (
	user_id text not null,
	day     text not null,
	used    integer not null default 0 check (used >= 0),
	primary key (user_id, day)
);
