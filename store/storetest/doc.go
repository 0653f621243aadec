// Package storetest is the conformance suite every inferra.JobStore
// passes: creating and reading jobs with every field, scoping by user,
// state-guarded updates (a job never gets two results), progress, paging
// newest first with cursors and filters, charts deleted with their job,
// datasets stored once per user and digest, the decision and LLM logs,
// transactions that roll back whole, concurrent writers, repeated
// migrations, and text PostgreSQL cannot keep (a NUL, bytes that are not
// UTF-8) refused alike with an EInvalid error naming the field.
//
// A store's test calls [Run] with a function that opens a fresh, migrated
// store:
//
//	func TestConformance(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) inferra.JobStore {
//			s, err := sqlite.Open(context.Background(), sqlite.Config{Dir: t.TempDir()})
//			if err != nil {
//				t.Fatal(err)
//			}
//			if err := s.Migrate(context.Background()); err != nil {
//				t.Fatal(err)
//			}
//			return s
//		})
//	}
//
// # PostgreSQL in tests
//
// PostgreSQL tests read TEST_DATABASE_URL through [PostgresURL] and give
// each test its own schema ([SchemaName]), dropped afterwards. Without a
// URL they skip — except in CI (CI=true or INFERRA_CI=1), where they
// fail: CI always runs them.
package storetest
