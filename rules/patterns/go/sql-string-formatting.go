package store

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"strings"
)

type User struct {
	ID    int64
	Email string
}

func FindUser(db *sql.DB, email string) (*User, error) {
	u := &User{}
	// ruleid: patterns.go.sql-string-formatting
	row := db.QueryRow(fmt.Sprintf("SELECT id, email FROM users WHERE email = '%s'", email))
	return u, row.Scan(&u.ID, &u.Email)
}

func ListOrders(ctx context.Context, db *sql.DB, r *http.Request) (*sql.Rows, error) {
	query := fmt.Sprintf("SELECT id, total FROM orders WHERE status = '%s' ORDER BY %s", r.FormValue("status"), r.FormValue("sort"))
	// ruleid: patterns.go.sql-string-formatting
	return db.QueryContext(ctx, query)
}

func DeleteSession(ctx context.Context, tx *sql.Tx, token string) error {
	// ruleid: patterns.go.sql-string-formatting
	_, err := tx.ExecContext(ctx, "DELETE FROM sessions WHERE token = '"+token+"'")
	return err
}

func Search(db *sql.DB, names []string) (*sql.Rows, error) {
	q := "SELECT id FROM users WHERE name IN ('"
	q += strings.Join(names, "','") + "')"
	// ruleid: patterns.go.sql-string-formatting
	return db.Query(q)
}

func FindUserSafe(ctx context.Context, db *sql.DB, email string) (*User, error) {
	u := &User{}
	// ok: patterns.go.sql-string-formatting
	row := db.QueryRowContext(ctx, "SELECT id, email FROM users WHERE email = $1", email)
	return u, row.Scan(&u.ID, &u.Email)
}

func Page(ctx context.Context, db *sql.DB, limit, offset int) (*sql.Rows, error) {
	// ok: patterns.go.sql-string-formatting
	return db.QueryContext(ctx, fmt.Sprintf("SELECT id FROM events ORDER BY id LIMIT %d OFFSET %d", limit, offset))
}

func Touch(ctx context.Context, db *sql.DB, id int64) error {
	// ok: patterns.go.sql-string-formatting
	_, err := db.ExecContext(ctx, "UPDATE users SET seen_at = now() WHERE id = ?", id)
	return err
}

func CountActive(db *sql.DB) (*sql.Rows, error) {
	// ok: patterns.go.sql-string-formatting
	return db.Query("SELECT count(*) " +
		"FROM users " +
		"WHERE active = true")
}

func Describe(w http.ResponseWriter, table string) {
	// ok: patterns.go.sql-string-formatting
	fmt.Fprintf(w, "SELECT * FROM %s is not allowed here", table)
}
