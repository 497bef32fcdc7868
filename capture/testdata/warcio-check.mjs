// warcio-check.mjs FILE: reads a WARC (gzip-compressed or not) with warcio.js, a reader written
// independently of gowarc, and checks every record: that it parses, that Content-Length covers
// the block, that WARC-Block-Digest matches the block and, for request and response records,
// that warcio finds the HTTP head and WARC-Payload-Digest matches the payload after it.
//
// Prints {"records":N,"ok":true|false,"errors":[...]} on stdout; exits 1 when not ok.
// warcio is loaded from the node_modules directory named by $INTERCEPTED_NODE_MODULES.
//
// warcio parses but does not verify digests, so they are recomputed here. A digest value may be
// hex (gowarc's default for sha256) or base32 with or without padding (what our writer, warcio's
// own writer and pywb use); both are accepted.
import { createReadStream } from "node:fs";
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import path from "node:path";

const errors = [];
// warcio reports some damage (a record longer than its Content-Length) only as a warning.
console.warn = (...args) => errors.push("warcio warning: " + args.join(" "));

function loadWarcio() {
  const dir = process.env.INTERCEPTED_NODE_MODULES;
  if (!dir) {
    throw new Error("INTERCEPTED_NODE_MODULES is not set: it must name the node_modules holding warcio");
  }
  return createRequire(path.join(path.resolve(dir), "noop.js"))("warcio");
}

// readAll returns every record with its raw block (parseHttp false) or with its HTTP head parsed
// and its raw payload (parseHttp true).
async function readAll(WARCParser, file, parseHttp) {
  const out = [];
  const parser = new WARCParser(createReadStream(file), { parseHttp });
  for await (const record of parser) {
    out.push({
      id: record.warcHeaders.headers.get("WARC-Record-ID"),
      type: record.warcType,
      headers: record.warcHeaders.headers,
      http: record.httpHeaders,
      bytes: await record.readFully(false),
    });
  }
  return out;
}

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

// base32 encodes per RFC 4648 without padding.
function base32(bytes) {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) {
    out += BASE32[(value << (5 - bits)) & 31];
  }
  return out;
}

// digestError returns why header does not match data, or null when it does.
function digestError(which, header, data) {
  if (!header) {
    return `${which} digest missing`;
  }
  const sep = header.indexOf(":");
  const algo = header.slice(0, sep).toLowerCase();
  const value = header.slice(sep + 1);
  if (sep < 0 || (algo !== "sha256" && algo !== "sha-256")) {
    return `${which} digest ${header}: not sha256`;
  }
  const sum = createHash("sha256").update(data).digest();
  const b32 = base32(sum);
  if (value.toLowerCase() === sum.toString("hex") || value.replace(/=+$/, "").toUpperCase() === b32) {
    return null;
  }
  return `${which} digest mismatch: header ${header}, computed sha256:${b32}`;
}

function checkRecord(i, raw, parsed) {
  const where = `record ${i} (${raw.type} ${raw.id})`;
  const found = [];
  if (raw.id !== parsed.id) {
    found.push(`second pass found ${parsed.id}`);
  }
  if (Number(raw.headers.get("Content-Length")) !== raw.bytes.length) {
    found.push(`Content-Length ${raw.headers.get("Content-Length")}, block has ${raw.bytes.length} bytes`);
  }
  found.push(digestError("block", raw.headers.get("WARC-Block-Digest"), raw.bytes));
  if (raw.type === "request" || raw.type === "response") {
    if (!parsed.http || !parsed.http.statusline) {
      found.push("no HTTP head found");
    }
    found.push(digestError("payload", raw.headers.get("WARC-Payload-Digest"), parsed.bytes));
  }
  return found.filter((e) => e).map((e) => `${where}: ${e}`);
}

async function main() {
  const file = process.argv[2];
  if (!file) {
    throw new Error("usage: node warcio-check.mjs FILE");
  }
  const { WARCParser } = loadWarcio();
  const raw = await readAll(WARCParser, file, false);
  const parsed = await readAll(WARCParser, file, true);
  if (raw.length !== parsed.length) {
    errors.push(`read ${raw.length} records without HTTP parsing, ${parsed.length} with`);
  }
  if (raw.length === 0) {
    errors.push("no records");
  }
  for (let i = 0; i < Math.min(raw.length, parsed.length); i++) {
    errors.push(...checkRecord(i, raw[i], parsed[i]));
  }
  return raw.length;
}

let records = 0;
try {
  records = await main();
} catch (e) {
  errors.push(String(e && e.stack ? e.stack : e));
}
const ok = errors.length === 0;
process.stdout.write(JSON.stringify({ records, ok, errors }) + "\n");
process.exitCode = ok ? 0 : 1;
