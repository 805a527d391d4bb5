import { PrismaClient } from '@prisma/client';
import { sql } from '@vercel/postgres';
import type { Sequelize } from 'sequelize';

const prisma = new PrismaClient();

export async function findByEmail(email: string) {
  // ruleid: patterns.javascript.sql-query-string-building
  return prisma.$queryRawUnsafe(`SELECT * FROM "User" WHERE email = '${email}'`);
}

export async function countByStatus(db: Sequelize, status: string): Promise<unknown> {
  const query: string = "SELECT COUNT(*) FROM orders WHERE status = '" + status + "'";
  // ruleid: patterns.javascript.sql-query-string-building
  return db.query(query);
}

export async function findByEmailSafe(email: string) {
  // ok: patterns.javascript.sql-query-string-building
  return prisma.$queryRaw`SELECT * FROM "User" WHERE email = ${email}`;
}

export async function countSafe(db: Sequelize, status: string): Promise<unknown> {
  // ok: patterns.javascript.sql-query-string-building
  return db.query('SELECT COUNT(*) FROM orders WHERE status = :status', { replacements: { status } });
}

export async function recent(limit: number) {
  // ok: patterns.javascript.sql-query-string-building
  return sql`SELECT * FROM events ORDER BY created_at DESC LIMIT ${limit}`;
}
