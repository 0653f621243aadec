-- Inferra's tables (times are Unix microseconds, JSON is text). River's own tables come from rivermigrate.
create table if not exists analysis_jobs (
	id              text primary key,
	user_id         text not null,
	status          text not null check (status in ('queued', 'running', 'succeeded', 'failed', 'canceled', 'no_decision')),
	progress        text not null default '',
	prompt          text not null default '',
	dataset_id      text,
	dataset_name    text not null default '',
	dataset_sha256  text not null default '',
	dataset_rows    integer not null default 0,
	dataset_columns integer not null default 0,
	decision        text,
	result          text,
	report          text not null default '',
	provenance      text,
	error           text,
	attempt         integer not null default 0,
	queue_job_id    integer,
	created_at      integer not null,
	started_at      integer,
	finished_at     integer
);
create index if not exists analysis_jobs_user_created on analysis_jobs (user_id, created_at desc, id desc);

create table if not exists analysis_plots (
	job_id       text not null references analysis_jobs (id) on delete cascade,
	user_id      text not null,
	name         text not null,
	content_type text not null,
	data         blob not null,
	created_at   integer not null,
	primary key (job_id, name)
);

create table if not exists datasets (
	id         text primary key,
	user_id    text not null,
	name       text not null default '',
	sha256     text not null,
	size       integer not null,
	schema     text not null,
	content    blob not null,
	created_at integer not null,
	unique (user_id, sha256)
);

create table if not exists decision_logs (
	id         text primary key,
	user_id    text not null,
	job_id     text,
	prompt     text not null default '',
	source     text not null,
	analysis   text not null default '',
	decision   text not null,
	created_at integer not null
);
create index if not exists decision_logs_job on decision_logs (job_id, created_at);

create table if not exists llm_call_logs (
	id                text primary key,
	user_id           text not null,
	job_id            text,
	model             text not null default '',
	endpoint          text not null default '',
	prompt_tokens     integer not null default 0,
	completion_tokens integer not null default 0,
	latency_ms        integer not null default 0,
	status            text not null default '',
	error             text not null default '',
	request           text,
	response          text,
	created_at        integer not null
);
create index if not exists llm_call_logs_job on llm_call_logs (job_id, created_at);
