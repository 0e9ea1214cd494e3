// Pages in real Chromium (Debian's, driven by playwright-core; no browser is downloaded), each
// served from its own folder by a loopback static server, as a host would serve a build's output.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, resolve, sep } from "node:path";
import { chromium } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run"];
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
};
const REPORT_TIMEOUT = 30_000;

export const launchChromium = () => chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });

// Serves the files under `root` on 127.0.0.1 (a free port); resolves to { url, close }.
export async function serve(root) {
  const base = resolve(root);
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url, "http://localhost").pathname);
    const file = resolve(base, `.${path.endsWith("/") ? `${path}index.html` : path}`);
    const body = file.startsWith(base + sep) ? await readFile(file).catch(() => null) : null;
    if (!body) return response.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
    return response.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(body);
  });
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((done) => { server.close(done); server.closeAllConnections(); }),
  };
}

// Opens `path` of the folder `root` in a new page and resolves to the reports the app left in
// globalThis.consumerReports; a page error, a failed request or a timeout rejects with what happened.
export async function reportsOfPage(browser, root, path = "/") {
  const server = await serve(root);
  const page = await browser.newPage();
  const problems = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => { if (message.type() === "error") problems.push(`console: ${message.text()}`); });
  page.on("response", (response) => { if (!response.ok()) problems.push(`HTTP ${response.status()} ${response.url()}`); });
  try {
    await page.goto(`${server.url}${path}`);
    await page.waitForFunction(() => globalThis.consumerReports !== undefined || undefined, null,
      { timeout: REPORT_TIMEOUT, polling: 50 }).catch(() => {
      throw new Error(`no report within ${REPORT_TIMEOUT} ms:\n${problems.join("\n")}`);
    });
    const reports = await page.evaluate(() => globalThis.consumerReports);
    return { reports, problems };
  } finally {
    await page.close();
    await server.close();
  }
}
