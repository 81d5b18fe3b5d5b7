// Writes the PWA's PNG icons (solid blue, a white keel mark) into public/.
// Run once: node sw/tools/make-icons.mjs. No image library: zlib + a hand-made PNG.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** `inset` shrinks the mark toward the centre (maskable icons keep it in the safe zone). */
function icon(size, inset) {
  const bg = [0x1f, 0x6f, 0xeb];
  const fg = [0xff, 0xff, 0xff];
  const rows = [];
  const c = size / 2;
  const s = size * inset;
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3);
    for (let x = 0; x < size; x++) {
      const dx = (x + 0.5 - c) / s;
      const dy = (y + 0.5 - c) / s;
      // a ring (the ballast weight) over a horizontal bar (the waterline)
      const r = Math.hypot(dx, dy);
      const ring = r > 0.55 && r < 0.8;
      const bar = Math.abs(dy) < 0.09 && Math.abs(dx) < 0.95;
      const px = ring || bar ? fg : bg;
      row[1 + x * 3] = px[0];
      row[2 + x * 3] = px[1];
      row[3 + x * 3] = px[2];
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const out = new URL('../../public/', import.meta.url);
writeFileSync(new URL('icon-192.png', out), icon(192, 0.5));
writeFileSync(new URL('icon-512.png', out), icon(512, 0.5));
writeFileSync(new URL('icon-maskable-512.png', out), icon(512, 0.38));
writeFileSync(new URL('apple-touch-icon.png', out), icon(180, 0.5));
console.log('icons written to public/');
