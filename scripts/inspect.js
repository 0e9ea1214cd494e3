// npm run inspect: builds the token inspector into a static folder (the page, edgejwt's JS modules
// and its Emscripten build, laid out as in the package so every relative import resolves) and
// serves it on 127.0.0.1. Any static host can serve the folder instead.
//
//   node scripts/inspect.js [--port N]   build into artifacts/inspector-site/ and serve (PORT works too; 8788)
//   node scripts/inspect.js --build DIR  only build, into DIR
import { createServer } from "node:http";
import { cp, mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const DEFAULT_SITE = join(root, "artifacts", "inspector-site");
const DEFAULT_PORT = 8788;
const MARKER = ".edgejwt-inspector-site"; // a folder holding it may be emptied by the next build
// The JWE module: the inspector decrypts as well as verifies.
const WASM_BUILD = ["dist/emscripten/edgejwt-jwe.mjs", "dist/emscripten/edgejwt-jwe.wasm"];
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
};
// The page's own meta policy, plus what only a header can say.
const CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

// Writes the site into `dir` (emptied first when an earlier build made it; refused when it holds anything else).
export async function buildSite(dir = DEFAULT_SITE) {
  for (const file of WASM_BUILD) {
    if (!existsSync(join(root, file))) throw new Error(`${file} is missing: run npm run build first`);
  }
  if (existsSync(dir)) {
    if (existsSync(join(dir, MARKER))) await rm(dir, { recursive: true });
    else if ((await readdir(dir)).length) throw new Error(`${dir} is not empty and not an earlier inspector build`);
  }
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, MARKER), "built by scripts/inspect.js\n");
  await cp(join(root, "inspector", "index.html"), join(dir, "index.html"));
  await cp(join(root, "inspector"), join(dir, "inspector"), { recursive: true, filter: (source) => !source.endsWith("index.html") });
  await cp(join(root, "js"), join(dir, "js"), {
    recursive: true,
    filter: async (source) => (await stat(source)).isDirectory() || source.endsWith(".js"),
  });
  for (const file of WASM_BUILD) await cp(join(root, file), join(dir, file));
  return dir;
}

// Serves `dir` on host:port (port 0 picks a free one); resolves to the listening server.
export function serveSite(dir, { port = DEFAULT_PORT, host = "127.0.0.1" } = {}) {
  const base = resolve(dir);
  const server = createServer(async (request, response) => {
    const headers = {
      "Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
      "Cache-Control": "no-cache",
    };
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { ...headers, Allow: "GET, HEAD" }).end();
      return;
    }
    let path;
    try {
      path = decodeURIComponent(new URL(request.url, "http://localhost").pathname);
    } catch {
      path = null;
    }
    const file = path === null ? null : resolve(base, `.${path.endsWith("/") ? `${path}index.html` : path}`);
    const type = file && TYPES[extname(file)];
    let body;
    if (type && file.startsWith(base + sep)) {
      body = await readFile(file).catch(() => null);
    }
    if (!body) {
      response.writeHead(404, { ...headers, "Content-Type": "text/plain; charset=utf-8" }).end("not found\n");
      return;
    }
    response.writeHead(200, { ...headers, "Content-Type": type, "Content-Length": body.length });
    response.end(request.method === "HEAD" ? undefined : body);
  });
  return new Promise((resolveServer, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolveServer(server));
  });
}

function option(args, name) {
  const index = args.indexOf(name);
  if (index === -1) return undefined;
  if (index + 1 >= args.length) throw new Error(`${name} needs a value`);
  return args[index + 1];
}

async function main(args) {
  const buildOnly = option(args, "--build");
  if (buildOnly !== undefined) {
    console.log(`token inspector built into ${await buildSite(resolve(buildOnly))}`);
    return;
  }
  const port = Number(option(args, "--port") ?? process.env.PORT ?? DEFAULT_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`not a port: ${port}`);
  const site = await buildSite();
  const server = await serveSite(site, { port });
  console.log(`edgejwt token inspector: http://127.0.0.1:${server.address().port}/ (serving ${site}; Ctrl-C stops it)`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(`inspect: ${error.message}`);
    process.exitCode = 1;
  });
}
