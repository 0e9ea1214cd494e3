// The modules each bundler put in each page's output, as paths inside the edgejwt package:
// graph.json = { bundler: { page: [path, …] } }. esbuild: its metafile's inputs with bytes in the
// output; Rollup: what rollup.config.mjs wrote; webpack: the modules of its stats that are in a chunk
// (a concatenated module's parts included).
import { readFileSync, writeFileSync } from "node:fs";

const PAGES = ["verify-only", "everything", "jwe"];
const read = (file) => JSON.parse(readFileSync(file, "utf8"));
const inPackage = (paths) => [...new Set(paths.map((path) => /node_modules\/edgejwt\/(.*)$/.exec(path)?.[1]).filter(Boolean))].sort();

function webpackModules(stats) {
  const names = [];
  for (const module of stats.modules) {
    if (!(module.chunks ?? []).length) continue;
    if (module.modules) names.push(...module.modules.map(({ name }) => name));
    else names.push(module.name);
  }
  return names;
}

const graph = { esbuild: {}, Rollup: {}, webpack: {} };
for (const page of PAGES) {
  const meta = read(`out/esbuild-${page}.meta.json`);
  graph.esbuild[page] = inPackage(Object.values(meta.outputs)
    .flatMap((output) => Object.entries(output.inputs).filter(([, input]) => input.bytesInOutput > 0).map(([path]) => path)));
  graph.Rollup[page] = inPackage(read(`out/rollup-${page}/${page}.modules.json`));
  graph.webpack[page] = inPackage(webpackModules(read(`out/webpack-${page}.stats.json`)));
}
writeFileSync("graph.json", `${JSON.stringify(graph, null, 2)}\n`);
