-- Inferra's tables. River's own tables come from rivermigrate.
create table if not exists analysis_jobs (
	id              uuid primary key,
	user_id         text not null,
	status          text not null check (status in ('queued', 'running', 'succeeded', 'failed', 'canceled', 'no_decision')),
	progress        text not null default '',
	prompt          text not null default '',
	dataset_id      uuid,
	dataset_name    text not null default '',
	dataset_sha256  text not null default '',
	dataset_rows    integer not null default 0,
	dataset_columns integer not null default 0,
	decision        jsonb,
	result          jsonb,
	report          text not null default '',
	provenance      jsonb,
	error           jsonb,
	attempt         integer not null default 0,
	queue_job_id    bigint,
	created_at      timestamptz not null default now(),
	started_at      timestamptz,
	finished_at     timestamptz
);
create index if not exists analysis_jobs_user_created on analysis_jobs (user_id, created_at desc, id desc);

create table if not exists analysis_plots (
	job_id       uuid not null references analysis_jobs (id) on delete cascade,
	user_id      text not null,
	name         text not null,
	content_type text not null,
	data         bytea not null,
	created_at   timestamptz not null default now(),
	primary key (job_id, name)
);

create table if not exists datasets (
	id         uuid primary key,
	user_id    text not null,
	name       text not null default '',
	sha256     text not null,
	size       bigint not null,
	schema     jsonb not null,
	content    bytea not null,
	created_at timestamptz not null default now(),
	unique (user_id, sha256)
);

create table if not exists decision_logs (
	id         uuid primary key,
	user_id    text not null,
	job_id     uuid,
	prompt     text not null default '',
	source     text not null,
	analysis   text not null default '',
	decision   jsonb not null,
	created_at timestamptz not null default now()
);
create index if not exists decision_logs_job on decision_logs (job_id, created_at);

create table if not exists llm_call_logs (
	id                uuid primary key,
	user_id           text not null,
	job_id            uuid,
	model             text not null default '',
	endpoint          text not null default '',
	prompt_tokens     integer not null default 0,
	completion_tokens integer not null default 0,
	latency_ms        bigint not null default 0,
	status            text not null default '',
	error             text not null default '',
	request           jsonb,
	response          jsonb,
	created_at        timestamptz not null default now()
);
create index if not exists llm_call_logs_job on llm_call_logs (job_id, created_at);
