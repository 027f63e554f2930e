/**
 * A headless Chromium for the HTML report's test: find it, render a page to a screenshot and its
 * DOM, collect the console, and decode the PNG (node's zlib, no dependency).
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];

/** The browser to use: $CHROME_PATH, else a system Chromium or Chrome that starts; undefined when none. */
export function findBrowser(): string | undefined {
  const list = process.env.CHROME_PATH ? [process.env.CHROME_PATH] : CANDIDATES;
  for (const exe of list) {
    if (!fs.existsSync(exe)) continue;
    const r = spawnSync(exe, ["--version"], { encoding: "utf8", timeout: 20_000 });
    if (r.status === 0 && /chrom/i.test(r.stdout)) return exe;
  }
  return undefined;
}

export interface Rendered {
  /** The DOM after the page's scripts ran (--dump-dom). */
  dom: string;
  /** Console messages of the page (any level: errors, CSP violations, uncaught exceptions, logs). */
  console: string[];
  png: Buffer;
  stderr: string;
  ms: number;
}

/**
 * Open a local file in a fresh headless profile with nothing in the background that reaches the
 * network, take a 1280×2000 screenshot and dump the DOM, in one start.
 */
export function renderPage(browser: string, file: string, screenshot: string, timeoutMs = 45_000): Promise<Rendered> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "dsm-chromium-"));
  const args = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--disable-extensions",
    "--mute-audio",
    "--hide-scrollbars",
    `--user-data-dir=${profile}`,
    "--enable-logging=stderr",
    "--v=0",
    `--screenshot=${screenshot}`,
    "--window-size=1280,2000",
    "--dump-dom",
    `file://${path.resolve(file)}`,
  ];
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    // Its own process group, so a timeout ends the browser's helper processes too.
    const p = spawn(browser, args, { stdio: ["ignore", "pipe", "pipe"], detached: true });
    let out = "";
    let err = "";
    p.stdout.on("data", (d: Buffer) => (out += d.toString("utf8")));
    p.stderr.on("data", (d: Buffer) => (err += d.toString("utf8")));
    const timer = setTimeout(() => {
      try {
        process.kill(-p.pid!, "SIGKILL");
      } catch {
        p.kill("SIGKILL");
      }
    }, timeoutMs);
    p.on("error", reject);
    p.on("close", (code) => {
      clearTimeout(timer);
      fs.rmSync(profile, { recursive: true, force: true });
      if (code !== 0) return reject(new Error(`${browser} exited with ${code}:\n${err.slice(-2000)}`));
      // Chromium logs each console message as `[…:INFO:CONSOLE(line)] "text", source: url (line)`.
      const consoleLines = err.split("\n").filter((l) => /:CONSOLE[:(]/.test(l));
      resolve({ dom: out, console: consoleLines, png: fs.existsSync(screenshot) ? fs.readFileSync(screenshot) : Buffer.alloc(0), stderr: err, ms: Date.now() - t0 });
    });
  });
}

export interface Image {
  width: number;
  height: number;
  /** RGBA, 4 bytes a pixel. */
  rgba: Buffer;
}

/** Decode an 8-bit RGB or RGBA, non-interlaced PNG (what Chromium writes). */
export function decodePng(buf: Buffer): Image {
  if (buf.length < 33 || buf.readUInt32BE(0) !== 0x89504e47) throw new Error("not a PNG");
  let pos = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.toString("latin1", pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (type === "IHDR") {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const depth = data[8];
      const color = data[9];
      if (depth !== 8 || (color !== 2 && color !== 6) || data[12] !== 0) throw new Error(`unsupported PNG: depth ${depth}, color type ${color}, interlace ${data[12]}`);
      channels = color === 6 ? 4 : 3;
    } else if (type === "IDAT") idat.push(data);
    else if (type === "IEND") break;
    pos += 12 + len;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const rgba = Buffer.alloc(width * height * 4);
  let prev = Buffer.alloc(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = Buffer.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? line[i - channels]! : 0;
      const b = prev[i]!;
      const c = i >= channels ? prev[i - channels]! : 0;
      let add = 0;
      if (filter === 1) add = a;
      else if (filter === 2) add = b;
      else if (filter === 3) add = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        add = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      line[i] = (line[i]! + add) & 0xff;
    }
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      rgba[o] = line[x * channels]!;
      rgba[o + 1] = line[x * channels + 1]!;
      rgba[o + 2] = line[x * channels + 2]!;
      rgba[o + 3] = channels === 4 ? line[x * channels + 3]! : 255;
    }
    prev = line;
  }
  return { width, height, rgba };
}

/** How the picture is made up: the share of pixels unlike the top-left one, and how many colors. */
export function imageStats(img: Image): { differing: number; colors: number } {
  const bg = img.rgba.readUInt32BE(0);
  let diff = 0;
  const colors = new Set<number>();
  for (let o = 0; o < img.rgba.length; o += 4) {
    const px = img.rgba.readUInt32BE(o);
    if (px !== bg) diff++;
    if (colors.size < 10_000) colors.add(px);
  }
  return { differing: diff / (img.width * img.height), colors: colors.size };
}
