// Helper of bench/pii_peers.sh: prepares the texts, runs the npm peers
// (redact-pii, @openredaction/openredaction) on them, and scores every
// tool's redacted output against the planted values. Node 18+; the peers
// are resolved from the folder given as NODE_MODULES_DIR (pii_peers.sh
// installs them in a temporary folder: they are never winnow dependencies).
//
//   node pii_peers.mjs prepare ENTRIES TRUTH OUT_DIR SLICE_MB
//       OUT_DIR/texts.jsonl   {"id","text"}: every non-empty prompt and output
//                             of the canonical entries (id ENTRY/FIELD)
//       OUT_DIR/slice.jsonl   the first SLICE_MB of those texts (the peers' set)
//       OUT_DIR/plants.jsonl  {"id","type","subtype","value"}: planted personal values
//       OUT_DIR/clean.json    ids of texts with nothing planted at all
//   node pii_peers.mjs run TOOL TEXTS OUT
//       redacts every text of TEXTS with TOOL (redact-pii | openredaction) in
//       this process, timing only the redaction calls (module load, set-up and
//       reading excluded; wall and CPU seconds of the process); writes
//       {"id","text"} lines to OUT and one JSON line of timing to standard output
//   node pii_peers.mjs score SLICE PLANTS CLEAN TIMINGS NAME=REDACTED...
//       a planted value counts as found by a tool when it no longer appears
//       verbatim in the tool's output for that text; prints the table
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

function readJsonLines(file) {
  const out = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (line) out.push(JSON.parse(line));
  }
  return out;
}

function writeJsonLines(file, rows) {
  const fd = fs.openSync(file, 'w');
  let buf = '';
  for (const r of rows) {
    buf += JSON.stringify(r) + '\n';
    if (buf.length > 1 << 20) { fs.writeSync(fd, buf); buf = ''; }
  }
  fs.writeSync(fd, buf);
  fs.closeSync(fd);
}

function prepare([entriesPath, truthPath, outDir, sliceMb]) {
  const sliceBytes = Number(sliceMb) * 1e6;
  const planted = new Map();  // "entry/field" -> [truth lines]
  const busy = new Set();     // texts with anything planted
  for (const t of readJsonLines(truthPath)) {
    if (t.start === undefined || (t.field !== 'prompt' && t.field !== 'output')) continue;
    const id = `${t.entry_id}/${t.field}`;
    busy.add(id);
    if (t.kind === 'pii' && t.personal) {
      if (!planted.has(id)) planted.set(id, []);
      planted.get(id).push(t);
    }
  }
  const texts = [], slice = [], plants = [], clean = [];
  let total = 0, inSlice = 0;
  const text = fs.readFileSync(entriesPath, 'utf8');
  let at = 0;
  while (at < text.length) {
    let nl = text.indexOf('\n', at);
    if (nl < 0) nl = text.length;
    const line = text.slice(at, nl);
    at = nl + 1;
    if (!line) continue;
    const e = JSON.parse(line);
    if (e.alternate) continue;  // branches repeat planted text without truth of their own
    for (const field of ['prompt', 'output']) {
      const t = e[field];
      if (!t) continue;
      const id = `${e.entry_id}/${field}`;
      const bytes = Buffer.byteLength(t);
      texts.push({ id, text: t });
      total += bytes;
      const inside = inSlice < sliceBytes;
      if (inside) {
        slice.push({ id, text: t });
        inSlice += bytes;
        if (!busy.has(id)) clean.push(id);
      }
      for (const p of planted.get(id) || []) {
        plants.push({ id, type: p.type, subtype: p.subtype || '', value: p.value, slice: inside });
      }
    }
  }
  fs.mkdirSync(outDir, { recursive: true });
  writeJsonLines(path.join(outDir, 'texts.jsonl'), texts);
  writeJsonLines(path.join(outDir, 'slice.jsonl'), slice);
  writeJsonLines(path.join(outDir, 'plants.jsonl'), plants);
  fs.writeFileSync(path.join(outDir, 'clean.json'), JSON.stringify(clean));
  console.log(JSON.stringify({ texts: texts.length, bytes: total, slice_texts: slice.length, slice_bytes: inSlice,
    plants: plants.length, slice_plants: plants.filter((p) => p.slice).length, clean_in_slice: clean.length }));
}

async function makeTool(name) {
  const require = createRequire(path.join(process.env.NODE_MODULES_DIR || process.cwd(), 'package.json'));
  if (name === 'redact-pii') {
    const { SyncRedactor } = require('redact-pii');
    const r = new SyncRedactor();  // every built-in rule, default replacements
    return (t) => r.redact(t);
  }
  if (name === 'openredaction') {
    const { OpenRedaction } = require('@openredaction/openredaction');
    const o = new OpenRedaction();  // defaults: every pattern, names and addresses, context analysis
    return (t) => o.detect(t).redacted;
  }
  throw new Error(`unknown tool ${name}`);
}

async function run([tool, textsPath, outPath]) {
  const redact = await makeTool(tool);
  const rows = readJsonLines(textsPath);
  let bytes = 0;
  for (const r of rows) bytes += Buffer.byteLength(r.text);
  redact('warm up: call 415-555-0132 or mail a.b@example.com');
  const out = new Array(rows.length);
  let errors = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < rows.length; i++) {
    let text;
    try {
      text = redact(rows[i].text);
    } catch {
      errors++;
      text = rows[i].text;
    }
    out[i] = text;
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);  // every thread of the process (GC helpers too), microseconds
  writeJsonLines(outPath, rows.map((r, i) => ({ id: r.id, text: out[i] })));
  console.log(JSON.stringify({ tool, texts: rows.length, bytes, seconds, cpu_seconds: (cpu.user + cpu.system) / 1e6,
    errors }));
}

function score([slicePath, plantsPath, cleanPath, timingsPath, ...outputs]) {
  const slice = new Map(readJsonLines(slicePath).map((r) => [r.id, r.text]));
  const plants = readJsonLines(plantsPath).filter((p) => p.slice);
  const clean = JSON.parse(fs.readFileSync(cleanPath, 'utf8'));
  const timings = new Map(readJsonLines(timingsPath).map((t) => [t.tool, t]));
  const tools = [];
  for (const spec of outputs) {
    const eq = spec.indexOf('=');
    const name = spec.slice(0, eq);
    const redacted = new Map();
    for (const r of readJsonLines(spec.slice(eq + 1))) {
      if (slice.has(r.id)) redacted.set(r.id, r.text);
    }
    if (redacted.size !== slice.size) throw new Error(`${name}: ${redacted.size} of ${slice.size} slice texts`);
    const found = new Map(), planted = new Map();
    for (const p of plants) {
      planted.set(p.type, (planted.get(p.type) || 0) + 1);
      if (!redacted.get(p.id).includes(p.value)) found.set(p.type, (found.get(p.type) || 0) + 1);
    }
    const changed = clean.filter((id) => redacted.get(id) !== slice.get(id)).length;
    tools.push({ name, found, planted, changed });
  }
  const winnow = timings.get('winnow redact');
  const fmt = (x, d = 2) => (x === undefined || Number.isNaN(x) ? 'n/a' : x.toFixed(d));
  const rate = (t) => t.bytes / 1e6 / t.cpu_seconds;
  console.log('| tool | texts | MB | wall s | CPU s | MB per CPU second | ratio to winnow | MB/s wall | peak RSS MB | notes |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const [name, t] of timings) {
    const mbs = rate(t);
    const ratio = winnow ? mbs / rate(winnow) : NaN;
    const wall = t.bytes / 1e6 / t.seconds;
    console.log(`| ${name} | ${t.texts} | ${fmt(t.bytes / 1e6, 1)} | ${fmt(t.seconds)} | ${fmt(t.cpu_seconds)} `
      + `| ${fmt(mbs, mbs < 10 ? 3 : 1)} | ${fmt(ratio, ratio < 0.1 ? 4 : 3)} | ${fmt(wall, wall < 10 ? 3 : 1)} `
      + `| ${t.rss_mb !== undefined ? fmt(t.rss_mb, 0) : 'n/a'} | ${t.note || ''} |`);
  }
  const types = [...new Set(plants.map((p) => p.type))].sort();
  console.log('');
  console.log(`recall on the ${slice.size} texts of the slice (${plants.length} planted personal values; found = the `
    + 'value no longer appears verbatim in the output), and the share of texts with nothing planted that the tool '
    + `changed (${clean.length} such texts):`);
  console.log('');
  console.log(`| tool | recall | clean texts changed | ${types.join(' | ')} |`);
  console.log(`|---|---|---|${types.map(() => '---').join('|')}|`);
  console.log(`| planted | ${plants.length} | ${clean.length} | ${types.map((t) => tools[0]?.planted.get(t) || 0).join(' | ')} |`);
  for (const t of tools) {
    const total = [...t.found.values()].reduce((a, b) => a + b, 0);
    const cells = types.map((ty) => fmt((t.found.get(ty) || 0) / (t.planted.get(ty) || 1), 3));
    console.log(`| ${t.name} | ${fmt(total / plants.length, 4)} | ${fmt(t.changed / Math.max(1, clean.length), 4)} `
      + `| ${cells.join(' | ')} |`);
  }
}

const [mode, ...rest] = process.argv.slice(2);
const modes = { prepare, run, score };
if (!modes[mode]) {
  console.error('usage: node pii_peers.mjs prepare|run|score ... (see the comment at the top)');
  process.exit(2);
}
await modes[mode](rest);
