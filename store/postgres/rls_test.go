package postgres_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/store"
	"github.com/inferra/inferra/store/postgres"
)

// supabaseAuth recreates on plain PostgreSQL what Supabase provides: the
// role "authenticated" and auth.uid(), the JWT's subject as a uuid.
const supabaseAuth = `
do $$ begin
	create role authenticated nologin;
exception when duplicate_object then null;
end $$;
create schema if not exists auth;
create or replace function auth.uid() returns uuid language sql stable as $f$
	select nullif(coalesce(current_setting('request.jwt.claim.sub', true),
		(nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')), '')::uuid
$f$;
grant usage on schema auth to authenticated;
grant execute on function auth.uid() to authenticated;
`

func TestSupabaseRLS(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	pool := s.Pool()
	if _, err := pool.Exec(ctx, supabaseAuth); err != nil {
		// Two test runs may race to create the function; once more settles it.
		if _, err := pool.Exec(ctx, supabaseAuth); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := pool.Exec(ctx, postgres.SupabaseRLS); err != nil {
		t.Fatalf("applying rls.sql: %v", err)
	}
	if _, err := pool.Exec(ctx, postgres.SupabaseRLS); err != nil {
		t.Fatalf("applying rls.sql twice: %v", err)
	}
	schema := pgx.Identifier{s.Schema()}.Sanitize()
	if _, err := pool.Exec(ctx, "grant usage on schema "+schema+" to authenticated; grant select, insert, update, delete on all tables in schema "+schema+" to authenticated"); err != nil {
		t.Fatal(err)
	}

	alice, bob := store.NewID(), store.NewID()
	var aliceJob string
	for _, u := range []string{alice, bob} {
		j := &inferra.Job{ID: store.NewID(), UserID: u, Status: inferra.JobSucceeded}
		if err := s.CreateJob(ctx, j); err != nil {
			t.Fatal(err)
		}
		if u == alice {
			aliceJob = j.ID
		}
		if err := s.PutPlot(ctx, u, j.ID, inferra.PlotData{Name: "p", ContentType: "image/png", Data: []byte{1}}); err != nil {
			t.Fatal(err)
		}
		if err := s.PutDataset(ctx, &inferra.StoredDataset{UserID: u, SHA256: "x", Content: []byte("a\n1\n")}); err != nil {
			t.Fatal(err)
		}
		if err := s.LogDecision(ctx, &inferra.DecisionLog{UserID: u, JobID: j.ID, Source: inferra.SourceRules, Decision: &inferra.Decision{}}); err != nil {
			t.Fatal(err)
		}
		if err := s.LogLLMCall(ctx, &inferra.LLMCallLog{UserID: u, JobID: j.ID}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.ReserveTokens(ctx, u, time.Now(), 10, 100); err != nil {
			t.Fatal(err)
		}
	}

	// asUser runs f as the front end of a signed-in user (sub = "" for an
	// anonymous request with the authenticated role but no subject).
	asUser := func(sub string, f func(tx pgx.Tx) error) error {
		return pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, "set local role authenticated"); err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, "select set_config('request.jwt.claims', $1, true)", `{"sub":"`+sub+`"}`); err != nil {
				return err
			}
			return f(tx)
		})
	}
	tables := []string{"analysis_jobs", "analysis_plots", "datasets", "decision_logs", "llm_call_logs", "llm_token_usage"}
	for _, sub := range []string{alice, bob, ""} {
		err := asUser(sub, func(tx pgx.Tx) error {
			for _, table := range tables {
				var all, own int
				if err := tx.QueryRow(ctx, "select count(*), count(*) filter (where user_id = $1) from "+table, sub).Scan(&all, &own); err != nil {
					return err
				}
				want := 1
				if sub == "" {
					want = 0
				}
				if all != want || own != want {
					t.Errorf("user %q sees %d rows of %s (%d own), want only its own %d", sub, all, table, own, want)
				}
			}
			var n int
			if err := tx.QueryRow(ctx, "select count(*) from river_job").Scan(&n); err != nil {
				return err
			}
			if n != 0 {
				t.Errorf("user %q sees %d queue rows, want none", sub, n)
			}
			return nil
		})
		if err != nil {
			t.Fatalf("as %q: %v", sub, err)
		}
	}
	// Bob can neither write rows for alice nor change hers.
	err := asUser(bob, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, "insert into analysis_jobs (id, user_id, status) values ($1, $2, 'queued')", store.NewID(), alice)
		return err
	})
	var pe *pgconn.PgError
	if !errors.As(err, &pe) || pe.Code != "42501" {
		t.Errorf("bob inserting a job for alice: %v, want a row-level security violation (42501)", err)
	}
	err = asUser(bob, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, "update analysis_jobs set report = 'bob was here' where id = $1", aliceJob)
		if err == nil && tag.RowsAffected() != 0 {
			t.Errorf("bob updated %d of alice's jobs", tag.RowsAffected())
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	// Nobody resets a quota: alice can read her token count but neither
	// change nor add one.
	err = asUser(alice, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, "update llm_token_usage set used = 0 where user_id = $1", alice)
		if err == nil && tag.RowsAffected() != 0 {
			t.Errorf("alice reset her own token count (%d rows)", tag.RowsAffected())
		}
		if err != nil {
			return err
		}
		tag, err = tx.Exec(ctx, "delete from llm_token_usage where user_id = $1", alice)
		if err == nil && tag.RowsAffected() != 0 {
			t.Errorf("alice deleted her own token count (%d rows)", tag.RowsAffected())
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	err = asUser(alice, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, "insert into llm_token_usage (user_id, day, used) values ($1, '2020-01-01', 0)", alice)
		return err
	})
	if !errors.As(err, &pe) || pe.Code != "42501" {
		t.Errorf("alice inserting a token count: %v, want a row-level security violation (42501)", err)
	}
	if used, err := s.ReserveTokens(ctx, alice, time.Now(), 0, 100); err != nil || used != 10 {
		t.Errorf("alice's token count after her attempts = %d, %v; want 10", used, err)
	}
	// Every table's policy is forced, so it binds the owner too.
	for _, table := range append(tables, "river_job", "inferra_migrations") {
		var forced bool
		if err := pool.QueryRow(ctx, "select relforcerowsecurity from pg_class where oid = to_regclass($1)", table).Scan(&forced); err != nil || !forced {
			t.Errorf("%s: row level security forced = %v (%v), want true", table, forced, err)
		}
	}
	// The server's role (here a superuser, on Supabase one with BYPASSRLS)
	// still sees every user's rows through the store.
	if j, err := s.GetJob(ctx, alice, aliceJob); err != nil || j.Report != "" {
		t.Errorf("store read of alice's job after bob's attempts: %+v, %v", j, err)
	}
}
