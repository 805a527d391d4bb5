const express = require('express');
const mysql = require('mysql2/promise');
const { Pool } = require('pg');
const SQL = require('sql-template-strings');
const knex = require('knex')({ client: 'pg' });

const app = express();
const pool = new Pool();
const conn = mysql.createPool({ host: 'db', user: 'app', database: 'shop' });

app.get('/users/:id', async (req, res) => {
  // ruleid: patterns.javascript.sql-query-string-building
  const { rows } = await pool.query(`SELECT * FROM users WHERE id = '${req.params.id}'`);
  res.json(rows[0]);
});

app.get('/products', async (req, res) => {
  // ruleid: patterns.javascript.sql-query-string-building
  const [rows] = await conn.execute('SELECT id, name FROM products WHERE category = "' + req.query.category + '"');
  res.json(rows);
});

app.get('/orders', async (req, res) => {
  const sql = `SELECT * FROM orders WHERE customer_id = ${req.user.id} ORDER BY ${req.query.sort}`;
  // ruleid: patterns.javascript.sql-query-string-building
  const { rows } = await pool.query(sql);
  res.json(rows);
});

app.get('/search', async (req, res) => {
  let sql = 'SELECT id, title FROM posts WHERE published = true';
  if (req.query.author) {
    sql += " AND author = '" + req.query.author + "'";
  }
  // ruleid: patterns.javascript.sql-query-string-building
  const { rows } = await pool.query(sql);
  res.json(rows);
});

app.delete('/sessions/:id', async (req, res) => {
  // ruleid: patterns.javascript.sql-query-string-building
  await knex.raw(`DELETE FROM sessions WHERE id = ${req.params.id}`);
  res.sendStatus(204);
});

app.get('/v2/users/:id', async (req, res) => {
  // ok: patterns.javascript.sql-query-string-building
  const { rows } = await pool.query('SELECT * FROM users WHERE id = $1', [req.params.id]);
  // ok: patterns.javascript.sql-query-string-building
  const [orders] = await conn.execute('SELECT * FROM orders WHERE user_id = ? AND status = ?', [req.params.id, 'open']);
  // ok: patterns.javascript.sql-query-string-building
  const posts = await pool.query(SQL`SELECT * FROM posts WHERE author_id = ${req.params.id}`);
  // ok: patterns.javascript.sql-query-string-building
  const stats = await knex.raw('SELECT count(*) FROM visits WHERE user_id = ?', [req.params.id]);
  res.json({ user: rows[0], orders, posts: posts.rows, stats });
});

function searchParams(query) {
  // ok: patterns.javascript.sql-query-string-building
  return new URLSearchParams(`q=${query}&page=1`).toString();
}

module.exports = { app, searchParams };
