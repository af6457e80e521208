// Generates assets/icon.svg and assets/icon.png (512x512, RGBA) from one list of shapes: a compass rose
// on a rounded tile. The PNG is rasterised here with 4x4 supersampling and written with node:zlib, so the
// icon is reproducible from source with no image tools. Run: node assets/make-icon.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const SIZE = 512;
const C = SIZE / 2;
const hex = (h) => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)];

/** One compass point as two triangles (lit and shaded halves), pointing at angle deg (0 = north). */
function point(deg, length, halfWidth, lit, shade) {
  const a = (deg * Math.PI) / 180;
  const tip = [C + length * Math.sin(a), C - length * Math.cos(a)];
  const left = [C - halfWidth * Math.cos(a), C - halfWidth * Math.sin(a)];
  const right = [C + halfWidth * Math.cos(a), C + halfWidth * Math.sin(a)];
  return [
    { type: 'polygon', points: [tip, [C, C], left], fill: lit },
    { type: 'polygon', points: [tip, [C, C], right], fill: shade },
  ];
}

const shapes = [
  { type: 'roundRect', x: 16, y: 16, w: 480, h: 480, r: 96, fill: '#0e2a3b' },
  { type: 'ring', cx: C, cy: C, r0: 172, r1: 184, fill: '#d9b45a' },
  ...[45, 135, 225, 315].flatMap((d) => point(d, 132, 26, '#9fc1d4', '#5d8199')),
  ...point(0, 206, 38, '#ef6a52', '#b84a38'),
  ...[90, 180, 270].flatMap((d) => point(d, 206, 38, '#f4efe1', '#c4bca6')),
  { type: 'circle', cx: C, cy: C, r: 20, fill: '#d9b45a' },
  { type: 'circle', cx: C, cy: C, r: 8, fill: '#0e2a3b' },
];

function inside(shape, x, y) {
  switch (shape.type) {
    case 'circle':
      return (x - shape.cx) ** 2 + (y - shape.cy) ** 2 <= shape.r ** 2;
    case 'ring': {
      const d2 = (x - shape.cx) ** 2 + (y - shape.cy) ** 2;
      return d2 >= shape.r0 ** 2 && d2 <= shape.r1 ** 2;
    }
    case 'roundRect': {
      const { x: rx, y: ry, w, h, r } = shape;
      if (x < rx || y < ry || x > rx + w || y > ry + h) return false;
      const qx = Math.max(rx + r - x, 0, x - (rx + w - r));
      const qy = Math.max(ry + r - y, 0, y - (ry + h - r));
      return qx * qx + qy * qy <= r * r;
    }
    case 'polygon': {
      let hit = false;
      const p = shape.points;
      for (let i = 0, j = p.length - 1; i < p.length; j = i++) {
        const [xi, yi] = p[i];
        const [xj, yj] = p[j];
        if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
      }
      return hit;
    }
    default:
      throw new Error(`unknown shape ${shape.type}`);
  }
}

function rasterise() {
  const SS = 4;
  const rgba = Buffer.alloc(SIZE * SIZE * 4);
  const fills = shapes.map((s) => hex(s.fill));
  for (let py = 0; py < SIZE; py++) {
    for (let px = 0; px < SIZE; px++) {
      let r = 0, g = 0, b = 0, covered = 0;
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const x = px + (sx + 0.5) / SS;
          const y = py + (sy + 0.5) / SS;
          // Painter's order: the last shape containing the sample wins.
          for (let i = shapes.length - 1; i >= 0; i--) {
            if (inside(shapes[i], x, y)) {
              const [cr, cg, cb] = fills[i];
              r += cr; g += cg; b += cb; covered++;
              break;
            }
          }
        }
      }
      const o = (py * SIZE + px) * 4;
      if (covered) {
        // Colours are averaged over covered samples only (straight, not premultiplied, alpha).
        rgba[o] = Math.round(r / covered);
        rgba[o + 1] = Math.round(g / covered);
        rgba[o + 2] = Math.round(b / covered);
        rgba[o + 3] = Math.round((255 * covered) / (SS * SS));
      }
    }
  }
  return rgba;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

export function encodePng(rgba, width, height) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    rows[y * (width * 4 + 1)] = 0; // filter: none
    rgba.copy(rows, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function svg() {
  const f = (n) => Number(n.toFixed(2));
  const body = shapes.map((s) => {
    switch (s.type) {
      case 'roundRect':
        return `<rect x="${s.x}" y="${s.y}" width="${s.w}" height="${s.h}" rx="${s.r}" fill="${s.fill}"/>`;
      case 'ring':
        return `<circle cx="${s.cx}" cy="${s.cy}" r="${(s.r0 + s.r1) / 2}" fill="none" stroke="${s.fill}" stroke-width="${s.r1 - s.r0}"/>`;
      case 'circle':
        return `<circle cx="${s.cx}" cy="${s.cy}" r="${s.r}" fill="${s.fill}"/>`;
      case 'polygon':
        return `<polygon points="${s.points.map(([x, y]) => `${f(x)},${f(y)}`).join(' ')}" fill="${s.fill}"/>`;
    }
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}">\n  <title>Portolan</title>\n  ${body.join('\n  ')}\n</svg>\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = new URL('.', import.meta.url);
  writeFileSync(new URL('icon.svg', dir), svg());
  writeFileSync(new URL('icon.png', dir), encodePng(rasterise(), SIZE, SIZE));
  console.log('wrote assets/icon.svg and assets/icon.png');
}
