// Reads spinfer's Parquet artifacts with DuckDB, a Parquet reader that
// shares no code with spinfer, and compares schema, key-value metadata and
// every value with what spinfer says the files hold.
//
//   node check.mjs DIR
//       DIR was made by `go run ./internal/interopgen -o DIR`: compare each
//       file with DIR/expected.json (and insist that every .parquet file in
//       DIR is listed there).
//   node check.mjs --run DIR [--interopgen BIN]
//       DIR is any directory (a run directory): compare every .parquet file
//       in it with `BIN -dump FILE`, spinfer's own reading of the file
//       (default: `go run ./internal/interopgen` from the repository root).
//
// Exits 0 when everything matches, 1 on any mismatch (each one printed),
// 2 on a usage error.

import { DuckDBInstance } from '@duckdb/node-api';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// spinfer's type names (formats.ColumnInfo.Type) and DuckDB's.
const DUCKDB_TYPES = {
  bool: 'BOOLEAN', int8: 'TINYINT', int16: 'SMALLINT', int32: 'INTEGER', int64: 'BIGINT',
  uint8: 'UTINYINT', uint16: 'USMALLINT', uint32: 'UINTEGER', uint64: 'UBIGINT',
  float: 'FLOAT', double: 'DOUBLE', string: 'VARCHAR',
};

const MAX_REPORTS_PER_FILE = 10;
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function usage(msg) {
  console.error(`check.mjs: ${msg}\nusage: node check.mjs DIR | node check.mjs --run DIR [--interopgen BIN]`);
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { run: false, bin: null, dir: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--run') opts.run = true;
    else if (a === '--interopgen') opts.bin = argv[++i] ?? usage('--interopgen needs a path');
    else if (a.startsWith('-')) usage(`unknown flag ${a}`);
    else if (opts.dir === null) opts.dir = a;
    else usage(`unexpected argument ${a}`);
  }
  if (opts.dir === null) usage('missing DIR');
  return opts;
}

// parquetFiles lists the .parquet files under dir (relative, sorted),
// skipping temporary files of interrupted atomic writes (".name.tmp-*").
function parquetFiles(dir, sub = '') {
  const out = [];
  for (const e of readdirSync(path.join(dir, sub), { withFileTypes: true })) {
    if (e.name.startsWith('.')) continue;
    const rel = sub === '' ? e.name : `${sub}/${e.name}`;
    if (e.isDirectory()) out.push(...parquetFiles(dir, rel));
    else if (e.name.endsWith('.parquet')) out.push(rel);
  }
  return out.sort();
}

const sqlString = (s) => `'${s.replaceAll("'", "''")}'`;
const sqlIdent = (s) => `"${s.replaceAll('"', '""')}"`;

// Problems found in one file, with a cap on how many are spelled out.
class Report {
  constructor(file) { this.file = file; this.messages = []; this.count = 0; this.values = 0; }
  add(msg) {
    this.count++;
    if (this.messages.length < MAX_REPORTS_PER_FILE) this.messages.push(msg);
  }
}

// sameValue compares a value DuckDB returned with spinfer's JSON encoding
// of it (int64 as decimal strings, non-finite doubles as strings).
function sameValue(got, want, type) {
  if (type === 'int64' || type === 'uint64' || typeof got === 'bigint') {
    return String(got) === String(want);
  }
  if (type === 'double' || type === 'float') {
    const w = typeof want === 'string' ? Number(want) : want;
    return Object.is(got, w); // NaN equals NaN, −0 differs from 0
  }
  return got === want;
}

function show(v) {
  if (typeof v === 'bigint') return `${v}`;
  if (Object.is(v, -0)) return '-0';
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  return JSON.stringify(v) ?? String(v);
}

async function checkSchema(con, p, entry, rep) {
  const desc = (await con.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${p})`)).getRowObjectsJS();
  const got = desc.map((r) => `${r.column_name}:${r.column_type}`);
  const want = entry.columns.map((c) => `${c.name}:${DUCKDB_TYPES[c.type] ?? c.type}`);
  if (got.join('\u0000') !== want.join('\u0000')) {
    const k = got.findIndex((g, i) => g !== want[i]);
    rep.add(`schema differs at column ${k}: DuckDB reads ${got[k] ?? '(none)'}, ` +
      `spinfer says ${want[k] ?? '(none)'} (${got.length} vs ${want.length} columns)`);
  }
  const rows = (await con.runAndReadAll(`SELECT count(*) AS n FROM read_parquet(${p})`)).getRowObjectsJS()[0].n;
  if (Number(rows) !== entry.rows) rep.add(`DuckDB counts ${rows} rows, spinfer says ${entry.rows}`);
}

async function checkMetadata(con, p, entry, rep, exact) {
  const kv = (await con.runAndReadAll(`SELECT key, value FROM parquet_kv_metadata(${p})`)).getRowObjectsJS();
  const got = new Map(kv.map((r) => [Buffer.from(r.key).toString('utf8'), Buffer.from(r.value).toString('utf8')]));
  for (const [k, v] of Object.entries(entry.metadata)) {
    if (!got.has(k)) rep.add(`metadata key ${k} missing in DuckDB's reading`);
    else if (got.get(k) !== v) rep.add(`metadata ${k}: DuckDB reads ${show(got.get(k))}, spinfer says ${show(v)}`);
  }
  if (exact) {
    for (const k of got.keys()) if (!(k in entry.metadata)) rep.add(`metadata key ${k} only seen by DuckDB`);
  }
}

async function checkValues(con, p, entry, rep) {
  const sql = `SELECT * FROM read_parquet(${p}, file_row_number = true) ORDER BY file_row_number`;
  const cols = (await con.runAndReadAll(sql)).getColumnsObjectJS();
  for (const c of entry.columns) {
    const got = cols[c.name] ?? [];
    const want = entry.values[c.name] ?? [];
    if (got.length !== want.length) {
      rep.add(`column ${show(c.name)}: DuckDB reads ${got.length} values, spinfer ${want.length}`);
      continue;
    }
    for (let r = 0; r < want.length; r++) {
      rep.values++;
      if (!sameValue(got[r], want[r], c.type)) {
        rep.add(`column ${show(c.name)}, row ${r}: DuckDB reads ${show(got[r])}, spinfer ${show(want[r])}`);
      }
    }
  }
}

async function checkDigest(con, p, entry, rep) {
  const aggs = entry.columns.flatMap((c, k) => {
    const q = sqlIdent(c.name);
    return [`sum(${q})::HUGEINT AS s${k}`, `sum((file_row_number + 1) * ${q})::HUGEINT AS w${k}`];
  });
  const sql = `SELECT ${aggs.join(', ')} FROM read_parquet(${p}, file_row_number = true)`;
  const row = (await con.runAndReadAll(sql)).getRowObjectsJS()[0];
  entry.columns.forEach((c, k) => {
    const want = entry.digest[c.name];
    rep.values += entry.rows;
    if (String(row[`s${k}`]) !== want.sum || String(row[`w${k}`]) !== want.wsum) {
      rep.add(`column ${show(c.name)}: DuckDB sums ${row[`s${k}`]} / ${row[`w${k}`]}, ` +
        `spinfer ${want.sum} / ${want.wsum}`);
    }
  });
}

async function checkFile(con, absPath, entry, rep, exactMetadata) {
  const p = sqlString(absPath);
  try {
    await checkSchema(con, p, entry, rep);
    await checkMetadata(con, p, entry, rep, exactMetadata);
    if (entry.digest) await checkDigest(con, p, entry, rep);
    else await checkValues(con, p, entry, rep);
  } catch (err) {
    rep.add(`DuckDB cannot read it: ${err.message}`);
  }
}

function dumpWithSpinfer(bin, absPath) {
  const [cmd, args, cwd] = bin
    ? [bin, ['-dump', absPath], process.cwd()]
    : ['go', ['run', './internal/interopgen', '-dump', absPath], repoRoot];
  const out = execFileSync(cmd, args, { cwd, maxBuffer: 1 << 30, encoding: 'utf8' });
  return JSON.parse(out);
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const dir = path.resolve(opts.dir);
  const files = parquetFiles(dir);
  const reports = [];
  let entries;
  if (opts.run) {
    entries = new Map();
    for (const f of files) {
      try {
        entries.set(f, dumpWithSpinfer(opts.bin, path.join(dir, f)));
      } catch (err) {
        const rep = new Report(f);
        rep.add(`spinfer cannot read it: ${String(err.stderr || err.message).trim()}`);
        reports.push(rep);
      }
    }
  } else {
    const expected = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8'));
    entries = new Map(expected.files.map((e) => [e.path, e]));
    for (const f of files) {
      if (!entries.has(f)) { const rep = new Report(f); rep.add('not listed in expected.json'); reports.push(rep); }
    }
  }
  if (entries.size === 0) usage(`no Parquet files to check in ${dir}`);

  const instance = await DuckDBInstance.create(':memory:');
  const con = await instance.connect();
  for (const [f, entry] of entries) {
    const rep = new Report(f);
    await checkFile(con, path.join(dir, f), entry, rep, opts.run);
    reports.push(rep);
  }

  let bad = 0;
  let values = 0;
  for (const rep of reports) {
    values += rep.values;
    if (rep.count === 0) continue;
    bad++;
    console.error(`MISMATCH ${rep.file}:`);
    for (const m of rep.messages) console.error(`  ${m}`);
    if (rep.count > rep.messages.length) console.error(`  … and ${rep.count - rep.messages.length} more`);
  }
  const summary = `${reports.length} Parquet files, ${values} values compared with DuckDB`;
  if (bad > 0) {
    console.error(`interop: FAILED: ${bad} of ${summary} (${dir})`);
    process.exit(1);
  }
  console.log(`interop: ok: ${summary} (${dir})`);
}

await main();
