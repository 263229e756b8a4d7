// A camera photo made for the tests and the benchmark: a 4,000 x 3,000 JPEG
// drawn in the browser, with the EXIF segment a phone writes (orientation 6,
// held upright, and GPS coordinates).
import { openPage } from './support.mjs';

// GPS latitude 22 deg 17' 30" as the EXIF rationals below write it: no
// published byte may hold it.
export const LATITUDE = Buffer.from([22, 0, 0, 0, 1, 0, 0, 0, 17, 0, 0, 0, 1, 0, 0, 0, 0xb8, 0x0b, 0, 0, 100, 0, 0, 0]);

/** An EXIF segment as a phone writes it: orientation 6 (held upright) and GPS. */
export function exifSegment() {
  const tiff = Buffer.alloc(92);
  tiff.write('II', 0, 'latin1');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4);
  const entry = (at, tag, type, count, value) => {
    tiff.writeUInt16LE(tag, at);
    tiff.writeUInt16LE(type, at + 2);
    tiff.writeUInt32LE(count, at + 4);
    value.copy(tiff, at + 8);
  };
  const u32 = (n) => { const b = Buffer.alloc(4); b.writeUInt32LE(n); return b; };
  tiff.writeUInt16LE(2, 8);
  entry(10, 0x0112, 3, 1, Buffer.from([6, 0, 0, 0]));
  entry(22, 0x8825, 4, 1, u32(38));
  tiff.writeUInt32LE(0, 34);
  tiff.writeUInt16LE(2, 38);
  entry(40, 0x0001, 2, 2, Buffer.from('N\0\0\0', 'latin1'));
  entry(52, 0x0002, 5, 3, u32(68));
  tiff.writeUInt32LE(0, 64);
  LATITUDE.copy(tiff, 68);
  const header = Buffer.alloc(4);
  header.writeUInt16BE(0xffe1, 0);
  header.writeUInt16BE(2 + 6 + tiff.length, 2);
  return Buffer.concat([header, Buffer.from('Exif\0\0', 'latin1'), tiff]);
}

/** A 4,000 x 3,000 JPEG drawn in the browser, with the camera's EXIF spliced in. */
export async function cameraPhoto(browser) {
  const page = await openPage(browser);
  const base64 = await page.evaluate(() => {
    const canvas = Object.assign(document.createElement('canvas'), { width: 4000, height: 3000 });
    const g = canvas.getContext('2d');
    const sky = g.createLinearGradient(0, 0, 0, 3000);
    sky.addColorStop(0, '#6d9ed6');
    sky.addColorStop(0.55, '#d8e4ef');
    sky.addColorStop(0.56, '#5f7f3a');
    sky.addColorStop(1, '#2f4a1c');
    g.fillStyle = sky;
    g.fillRect(0, 0, 4000, 3000);
    // A boathouse and trees, and a little sensor grain, as in a photo.
    g.fillStyle = '#8a3b2a';
    g.fillRect(1500, 1200, 1100, 600);
    for (let i = 0; i < 60; i++) {
      g.fillStyle = `hsl(${90 + (i % 7) * 6}, 40%, ${20 + (i % 5) * 5}%)`;
      g.beginPath();
      g.arc((i * 677) % 4000, 1500 + ((i * 313) % 400), 90 + (i % 4) * 30, 0, Math.PI * 2);
      g.fill();
    }
    const grain = g.getImageData(0, 0, 4000, 3000);
    let seed = 7;
    for (let i = 0; i < grain.data.length; i += 4) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const n = (seed % 13) - 6;
      grain.data[i] += n;
      grain.data[i + 1] += n;
      grain.data[i + 2] += n;
    }
    g.putImageData(grain, 0, 0);
    return canvas.toDataURL('image/jpeg', 0.92).split(',')[1];
  });
  await page.context().close();
  const jpeg = Buffer.from(base64, 'base64');
  return Buffer.concat([jpeg.subarray(0, 2), exifSegment(), jpeg.subarray(2)]);
}

