package postgres_test

import (
	"context"
	"log"
	"os"

	"github.com/inferra/inferra/store/postgres"
)

// Example connects with DATABASE_URL and migrates. (It needs a database,
// so it is compiled but not run.)
func Example() {
	ctx := context.Background()
	st, err := postgres.Open(ctx, postgres.Config{URL: os.Getenv("DATABASE_URL")})
	if err != nil {
		log.Fatal(err)
	}
	defer st.Close()
	if err := st.Migrate(ctx); err != nil {
		log.Fatal(err)
	}
	if st.SimpleProtocol() {
		log.Print("through a transaction pooler: River will poll")
	}
}
