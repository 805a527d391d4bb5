import sqlite3

import psycopg2

DB_PATH = "app.db"


def find_user(conn, username):
    cur = conn.cursor()
    # ruleid: patterns.python.sql-built-query-execute
    cur.execute(f"SELECT id, email FROM users WHERE username = '{username}'")
    return cur.fetchone()


def orders_for(conn, customer_id, status):
    cur = conn.cursor()
    query = "SELECT * FROM orders WHERE customer_id = %s AND status = '%s'" % (customer_id, status)
    # ruleid: patterns.python.sql-built-query-execute
    cur.execute(query)
    return cur.fetchall()


def delete_items(conn, ids):
    sql = "DELETE FROM items WHERE id IN (" + ",".join(ids) + ")"
    with conn.cursor() as cur:
        # ruleid: patterns.python.sql-built-query-execute
        cur.execute(sql)


def rename_all(conn, table, rows):
    # ruleid: patterns.python.sql-built-query-execute
    conn.executemany("UPDATE {} SET name = ? WHERE id = ?".format(table), rows)


def search(conn, term, order_by):
    base = "SELECT id, title FROM posts WHERE title LIKE %s ORDER BY "
    # ruleid: patterns.python.sql-built-query-execute
    conn.cursor().execute(base + order_by, ("%" + term + "%",))


def find_user_safe(conn, username):
    cur = conn.cursor()
    # ok: patterns.python.sql-built-query-execute
    cur.execute("SELECT id, email FROM users WHERE username = %s", (username,))
    return cur.fetchone()


def count_rows():
    conn = sqlite3.connect(DB_PATH)
    # ok: patterns.python.sql-built-query-execute
    return conn.execute("SELECT count(*) FROM events WHERE kind = ?", ("login",)).fetchone()[0]


def insert_many(dsn, rows):
    with psycopg2.connect(dsn) as conn, conn.cursor() as cur:
        query = "INSERT INTO metrics (name, value) VALUES (%s, %s)"
        # ok: patterns.python.sql-built-query-execute
        cur.executemany(query, rows)


def run_job(executor, job_id):
    # ok: patterns.python.sql-built-query-execute
    executor.execute(f"job-{job_id}")
