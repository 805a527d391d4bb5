import sqlalchemy as sa
from sqlalchemy import text
from sqlalchemy.orm import Session


def active_users(session: Session, tenant):
    # ruleid: patterns.python.sqlalchemy-text-built-query
    stmt = text(f"SELECT id, name FROM users WHERE tenant = '{tenant}' AND active")
    return session.execute(stmt).all()


def purge(engine, table, days):
    sql = "DELETE FROM %s WHERE created_at < now() - interval '%d days'" % (table, days)
    with engine.begin() as conn:
        # ruleid: patterns.python.sqlalchemy-text-built-query
        conn.execute(sa.text(sql))


def sorted_products(conn, column):
    # ruleid: patterns.python.sqlalchemy-text-built-query
    return conn.execute(text("SELECT * FROM products ORDER BY " + column)).fetchall()


def active_users_safe(session: Session, tenant):
    # ok: patterns.python.sqlalchemy-text-built-query
    stmt = text("SELECT id, name FROM users WHERE tenant = :tenant AND active")
    return session.execute(stmt, {"tenant": tenant}).all()


def healthcheck(engine):
    with engine.connect() as conn:
        # ok: patterns.python.sqlalchemy-text-built-query
        return conn.execute(sa.text("SELECT 1")).scalar()
