// Checks docs/python.md against real spinfer files with DuckDB, so that the
// page cannot drift from the formats.
//
//   node pythondoc.mjs DOC --run DIR [--run DIR2 …] [--sweep DIR]
//
// For every ```python block of DOC it collects, from the block's string
// literals (comments skipped):
//   - artifact paths: literals starting with {run}/ or {sweep}/ (other
//     {…} placeholders and * match any one path element);
//   - names: literals that are a bare identifier ("value", "train_loglik")
//     and double-quoted identifiers inside literals (SQL: SELECT "i", "j");
//   - metadata keys: literals "spinfer.…".
// It then checks, for each block, that every path exists in one of the run
// directories (the first that has it; {sweep}/ paths in the sweep
// directory), that every name is a column (DuckDB's DESCRIBE) of a Parquet
// file the block reads, or a key at any depth of a JSON file it reads, or
// one of the few documented values in VALUE_WORDS, and that every metadata
// key is in the key-value metadata (DuckDB's parquet_kv_metadata) of a
// Parquet file the block reads. A block naming a column but reading no
// file fails. Each block is also parsed with python3 (ast.parse), when
// python3 is installed. Without --sweep, blocks reading {sweep}/ paths are
// skipped with a warning.
//
// Exits 0 when everything is found, 1 listing each problem otherwise, 2 on
// a usage error.

import { DuckDBInstance } from '@duckdb/node-api';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

// Quoted words of the snippets that are values, not names, and why.
const VALUE_WORDS = {
  binary: 'a value of spinfer.basis',
  ok: 'a value of a stage status (manifest, summary)',
};

function usage(msg) {
  console.error(`pythondoc.mjs: ${msg}\n` +
    'usage: node pythondoc.mjs DOC --run DIR [--run DIR …] [--sweep DIR]');
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { doc: null, runs: [], sweep: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--run') opts.runs.push(argv[++i] ?? usage('--run needs a directory'));
    else if (a === '--sweep') opts.sweep = argv[++i] ?? usage('--sweep needs a directory');
    else if (a.startsWith('-')) usage(`unknown flag ${a}`);
    else if (opts.doc === null) opts.doc = a;
    else usage(`unexpected argument ${a}`);
  }
  if (opts.doc === null) usage('missing DOC');
  if (opts.runs.length === 0) usage('give at least one --run DIR');
  return opts;
}

// pythonBlocks returns the ```python blocks of a Markdown text with the
// line each starts on.
function pythonBlocks(text) {
  const blocks = [];
  const lines = text.split('\n');
  let cur = null;
  lines.forEach((line, i) => {
    if (cur === null && /^```python\s*$/.test(line)) cur = { line: i + 2, code: [] };
    else if (cur !== null && /^```\s*$/.test(line)) { blocks.push(cur); cur = null; }
    else if (cur !== null) cur.code.push(line);
  });
  if (cur !== null) usage(`unterminated python block at line ${cur.line - 1}`);
  return blocks.map((b) => ({ line: b.line, code: b.code.join('\n') }));
}

// literals returns the contents of the Python string literals of code,
// skipping comments; prefixes (f, b, r) are dropped, escapes kept as is.
function literals(code) {
  const out = [];
  let i = 0;
  while (i < code.length) {
    const ch = code[i];
    if (ch === '#') {
      while (i < code.length && code[i] !== '\n') i++;
      continue;
    }
    if (ch !== '"' && ch !== "'") { i++; continue; }
    const q = code.startsWith(ch.repeat(3), i) ? ch.repeat(3) : ch;
    let j = i + q.length;
    while (j < code.length && !code.startsWith(q, j)) j += code[j] === '\\' ? 2 : 1;
    out.push(code.slice(i + q.length, j));
    i = j + q.length;
  }
  return out;
}

// uses collects what one block relies on.
function uses(code) {
  const paths = new Set();
  const names = new Set();
  const metaKeys = new Set();
  for (const lit of literals(code)) {
    for (const m of lit.matchAll(/\{(run|sweep)\}\/([^'"\s)]+)/g)) paths.add(`${m[1]}:${m[2]}`);
    if (/^spinfer\.[A-Za-z0-9_]+$/.test(lit)) metaKeys.add(lit);
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(lit)) names.add(lit);
    for (const m of lit.matchAll(/"([A-Za-z_][A-Za-z0-9_]*)"/g)) names.add(m[1]);
  }
  return { paths: [...paths], names: [...names], metaKeys: [...metaKeys] };
}

// resolve finds the files a path template names under dir: {…} and *
// match any one path element. Returns the matches, sorted.
function resolve(dir, template) {
  let found = [dir];
  for (const part of template.split('/')) {
    const next = [];
    const re = new RegExp('^' + part.replace(/[.+?^$()|[\]\\]/g, '\\$&')
      .replace(/\{[^}]*\}|\*/g, '[^/]*') + '$');
    for (const d of found) {
      if (!/[{*]/.test(part)) {
        if (existsSync(path.join(d, part))) next.push(path.join(d, part));
        continue;
      }
      let entries = [];
      try { entries = readdirSync(d); } catch { /* not a directory */ }
      for (const e of entries) if (!e.startsWith('.') && re.test(e)) next.push(path.join(d, e));
    }
    found = next;
  }
  return found.sort();
}

const sqlString = (s) => `'${s.replaceAll("'", "''")}'`;

// jsonKeys returns every object key at any depth of a JSON value.
function jsonKeys(v, out = new Set()) {
  if (Array.isArray(v)) v.forEach((x) => jsonKeys(x, out));
  else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) { out.add(k); jsonKeys(x, out); }
  }
  return out;
}

// fileNames returns the names a file offers: Parquet columns and metadata
// keys read by DuckDB, or JSON keys.
async function fileNames(con, file) {
  if (file.endsWith('.json')) {
    return { names: jsonKeys(JSON.parse(readFileSync(file, 'utf8'))), meta: new Set() };
  }
  if (!file.endsWith('.parquet')) return { names: new Set(), meta: new Set() };
  const p = sqlString(file);
  const desc = (await con.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${p})`)).getRowObjectsJS();
  const kv = (await con.runAndReadAll(`SELECT key FROM parquet_kv_metadata(${p})`)).getRowObjectsJS();
  return {
    names: new Set(desc.map((r) => r.column_name)),
    meta: new Set(kv.map((r) => Buffer.from(r.key).toString('utf8'))),
  };
}

// pythonParses reports a syntax error of code, or null; undefined when
// python3 is not installed.
function pythonParses(code) {
  const r = spawnSync('python3', ['-c', 'import ast, sys; ast.parse(sys.stdin.read())'], { input: code });
  if (r.error) return undefined;
  return r.status === 0 ? null : r.stderr.toString().trim().split('\n').pop();
}

// checkBlock returns the problems of one block.
async function checkBlock(con, block, opts, counts) {
  const problems = [];
  const u = uses(block.code);
  const syntax = pythonParses(block.code);
  if (syntax === undefined) counts.noPython = true;
  else if (syntax !== null) problems.push(`not valid Python: ${syntax}`);
  if (u.paths.some((p) => p.startsWith('sweep:')) && opts.sweep === null) {
    counts.skipped++;
    return problems;
  }
  const names = new Set();
  const meta = new Set();
  for (const p of u.paths) {
    const [root, rel] = p.split(/:(.*)/s);
    const dirs = root === 'sweep' ? [opts.sweep] : opts.runs;
    const files = dirs.map((d) => resolve(d, rel)).find((f) => f.length > 0);
    if (files === undefined) {
      problems.push(`{${root}}/${rel}: no such file in ${dirs.join(', ')}`);
      continue;
    }
    counts.paths++;
    const got = await fileNames(con, files[0]);
    got.names.forEach((n) => names.add(n));
    got.meta.forEach((k) => meta.add(k));
  }
  for (const n of u.names) {
    if (names.has(n) || n in VALUE_WORDS) { counts.names++; continue; }
    problems.push(`"${n}" is no column or JSON key of the files the block reads`);
  }
  for (const k of u.metaKeys) {
    if (meta.has(k)) { counts.meta++; continue; }
    problems.push(`"${k}" is in the metadata of none of the Parquet files the block reads`);
  }
  return problems;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const blocks = pythonBlocks(readFileSync(opts.doc, 'utf8'));
  if (blocks.length === 0) usage(`no python blocks in ${opts.doc}`);
  const instance = await DuckDBInstance.create(':memory:');
  const con = await instance.connect();
  const counts = { paths: 0, names: 0, meta: 0, skipped: 0, noPython: false };
  let bad = 0;
  for (const b of blocks) {
    const problems = await checkBlock(con, b, opts, counts);
    if (problems.length === 0) continue;
    bad++;
    console.error(`${opts.doc}:${b.line}: python block:`);
    for (const p of problems) console.error(`  ${p}`);
  }
  if (counts.skipped > 0) {
    console.error(`pythondoc: warning: ${counts.skipped} block(s) on a sweep not checked (no --sweep)`);
  }
  if (counts.noPython) console.error('pythondoc: warning: python3 not found, blocks not parsed');
  const summary = `${blocks.length} python blocks, ${counts.paths} paths, ${counts.names} names, ` +
    `${counts.meta} metadata keys`;
  if (bad > 0) {
    console.error(`pythondoc: FAILED: ${bad} block(s) of ${summary}`);
    process.exit(1);
  }
  console.log(`pythondoc: ok: ${summary} checked with DuckDB`);
}

await main();
