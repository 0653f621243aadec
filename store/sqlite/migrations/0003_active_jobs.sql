-- The jobs still to finish (queued or running) of each user, which every
-- submit counts against MAX_QUEUED_PER_USER: a user's finished jobs, however
-- many, are not read.
create index if not exists analysis_jobs_user_active on analysis_jobs (user_id) where status in ('queued', 'running');
