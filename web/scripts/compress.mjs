// Writes a .gz and a .br beside every compressible built file, so that
// `lingting serve` can send them precompressed (src/http/console_files.cpp).
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = process.env.LINGTING_CONSOLE_OUT ?? 'dist';
const compressible = /\.(js|mjs|css|html|svg|json|txt|map)$/;

function* files(directory) {
  for (const name of readdirSync(directory)) {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

let count = 0;
let raw = 0;
let gzipped = 0;
for (const path of files(root)) {
  if (!compressible.test(path)) continue;
  const bytes = readFileSync(path);
  if (bytes.length < 512) continue;
  const gz = gzipSync(bytes, { level: 9 });
  const br = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
  if (gz.length < bytes.length) writeFileSync(`${path}.gz`, gz);
  if (br.length < bytes.length) writeFileSync(`${path}.br`, br);
  count += 1;
  raw += bytes.length;
  gzipped += gz.length;
}
console.log(`compress: ${count} files, ${(raw / 1024).toFixed(0)} KB → ${(gzipped / 1024).toFixed(0)} KB gzipped`);
