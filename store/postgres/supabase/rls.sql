-- Row Level Security for Supabase.
--
-- Apply after `inferra migrate`, in the schema that holds Inferra's tables
-- (the Supabase SQL editor, or psql with the same search_path):
--
--   psql "$DATABASE_URL" -f store/postgres/supabase/rls.sql
--
-- A front end that reads Supabase directly (PostgREST with the user's JWT,
-- role "authenticated") then sees and writes only its own rows:
-- user_id = auth.uid(). Inferra stores user ids as text, hence the cast.
-- The LLM token counts (llm_token_usage) are read-only to users.
-- The policies are forced, so they hold for the tables' owner too; the
-- Inferra server must therefore connect as a role with BYPASSRLS (on
-- Supabase: postgres or service_role), as it acts for every user and
-- scopes each query by user id itself. River's queue tables and the
-- migration ledger get RLS with no policy: no client role sees them.
-- Re-running this file is harmless.

do $$
declare
	t text;
begin
	foreach t in array array['analysis_jobs', 'analysis_plots', 'datasets', 'decision_logs', 'llm_call_logs'] loop
		execute format('alter table %I enable row level security', t);
		execute format('alter table %I force row level security', t);
		execute format('drop policy if exists %I on %I', t || '_own_rows', t);
		execute format('create policy %I on %I for all to authenticated
			using ((select auth.uid())::text = user_id)
			with check ((select auth.uid())::text = user_id)', t || '_own_rows', t);
	end loop;
	-- The daily LLM token counts: a user may read its own, never write
	-- them (that would reset its quota); only the server counts.
	alter table llm_token_usage enable row level security;
	alter table llm_token_usage force row level security;
	drop policy if exists llm_token_usage_own_rows on llm_token_usage;
	drop policy if exists llm_token_usage_read_own on llm_token_usage;
	create policy llm_token_usage_read_own on llm_token_usage for select to authenticated
		using ((select auth.uid())::text = user_id);
	foreach t in array array['inferra_migrations', 'river_job', 'river_leader', 'river_queue', 'river_client',
		'river_client_queue', 'river_migration'] loop
		if to_regclass(t) is not null then
			execute format('alter table %I enable row level security', t);
			execute format('alter table %I force row level security', t);
		end if;
	end loop;
end
$$;
