// wacz-check.mjs DIR: checks the replay index of an unpacked WACZ (an evidence package) with
// warcio.js, a reader written independently of our exporter. For every line of
// indexes/index.cdxj it takes the bytes the line names (archive/<filename>, offset, length) and
// checks that warcio reads them, on their own, as exactly one response record whose
// WARC-Target-URI, WARC-Date, WARC-Payload-Digest and HTTP status are what the line says. It
// also checks that the (offset, length) pair is a record boundary warcio finds when it reads
// the whole file, so a line cannot point into the middle of a record by accident.
//
// Prints {"lines":N,"ok":true|false,"errors":[...]} on stdout; exits 1 when not ok.
// warcio is loaded from the node_modules directory named by $INTERCEPTED_NODE_MODULES.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const errors = [];
console.warn = (...args) => errors.push("warcio warning: " + args.join(" "));

function loadWarcio() {
  const dir = process.env.INTERCEPTED_NODE_MODULES;
  if (!dir) {
    throw new Error("INTERCEPTED_NODE_MODULES is not set: it must name the node_modules holding warcio");
  }
  return createRequire(path.join(path.resolve(dir), "noop.js"))("warcio");
}

// bytesOnce yields buf as one chunk: the smallest source warcio's parser accepts.
async function* bytesOnce(buf) {
  yield buf;
}

// boundaries maps "offset/length" of every gzip member of a WARC file, as warcio reads it.
async function boundaries(WARCParser, buf) {
  const out = new Set();
  const parser = new WARCParser(bytesOnce(buf), { parseHttp: false });
  for await (const record of parser) {
    await record.skipFully();
    out.add(`${parser.offset}/${parser.recordLength}`);
  }
  return out;
}

// warcSecond turns a WARC-Date into the 14-digit timestamp of its second, as CDXJ keys use.
function warcSecond(date) {
  return date.replace(/[-:TZ]/g, "").slice(0, 14);
}

async function checkLine(WARCParser, n, line, files) {
  const where = `index line ${n}`;
  const m = /^(\S+) (\d{14}) (\{.*\})$/.exec(line);
  if (!m) {
    return [`${where}: not "<key> <14-digit timestamp> <json>": ${line}`];
  }
  const [, , ts, js] = m;
  const f = JSON.parse(js);
  const found = [];
  for (const k of ["url", "filename", "offset", "length"]) {
    if (f[k] === undefined) {
      found.push(`${where}: no ${k}`);
    }
  }
  if (found.length) {
    return found;
  }
  const file = files(f.filename);
  const offset = Number(f.offset);
  const length = Number(f.length);
  if (!file.bounds.has(`${offset}/${length}`)) {
    found.push(`${where}: ${f.filename} ${offset}+${length} is not a record warcio finds in the file`);
  }
  const slice = file.buf.subarray(offset, offset + length);
  if (slice.length !== length || slice[0] !== 0x1f || slice[1] !== 0x8b) {
    return [...found, `${where}: ${f.filename} ${offset}+${length} is not a gzip member`];
  }
  const records = [];
  for await (const record of new WARCParser(bytesOnce(slice), { parseHttp: true })) {
    records.push({
      type: record.warcType,
      uri: record.warcTargetURI,
      date: record.warcDate,
      digest: record.warcPayloadDigest,
      status: record.httpHeaders ? String(record.httpHeaders.statusCode) : "",
    });
    await record.readFully(false);
  }
  if (records.length !== 1) {
    return [...found, `${where}: warcio reads ${records.length} records at ${f.filename} ${offset}+${length}, want 1`];
  }
  const r = records[0];
  const want = [
    ["WARC-Type", r.type, "response"],
    ["WARC-Target-URI", r.uri, f.url],
    ["WARC-Date (to the second)", warcSecond(r.date || ""), ts],
  ];
  if (f.digest !== undefined) {
    want.push(["WARC-Payload-Digest", r.digest, f.digest]);
  }
  if (f.status !== undefined) {
    want.push(["HTTP status", r.status, String(f.status)]);
  }
  for (const [what, got, expect] of want) {
    if (got !== expect) {
      found.push(`${where} (${f.url}): ${what} is ${JSON.stringify(got)}, the index says ${JSON.stringify(expect)}`);
    }
  }
  return found;
}

async function main() {
  const dir = process.argv[2];
  if (!dir) {
    throw new Error("usage: node wacz-check.mjs DIR");
  }
  const { WARCParser } = loadWarcio();
  const cache = new Map();
  // Each WARC is read once, and its record boundaries found once, however many lines name it.
  const lines = readFileSync(path.join(dir, "indexes", "index.cdxj"), "utf8").split("\n").filter((l) => l !== "");
  for (const line of lines) {
    const m = /"filename":\s*"([^"]+)"/.exec(line);
    if (m && !cache.has(m[1])) {
      const buf = readFileSync(path.join(dir, "archive", m[1]));
      cache.set(m[1], { buf, bounds: await boundaries(WARCParser, buf) });
    }
  }
  for (let i = 0; i < lines.length; i++) {
    errors.push(...(await checkLine(WARCParser, i + 1, lines[i], (name) => cache.get(name))));
  }
  if (lines.length === 0) {
    errors.push("indexes/index.cdxj has no lines");
  }
  return lines.length;
}

let lines = 0;
try {
  lines = await main();
} catch (e) {
  errors.push(String(e && e.stack ? e.stack : e));
}
const ok = errors.length === 0;
process.stdout.write(JSON.stringify({ lines, ok, errors }) + "\n");
process.exitCode = ok ? 0 : 1;
