// Each page's Rollup build, and the modules that reached its output (rendered, not tree-shaken away).
import { nodeResolve } from "@rollup/plugin-node-resolve";

const graph = (page) => ({
  name: "module-graph",
  generateBundle(_, bundle) {
    const modules = Object.values(bundle).filter((chunk) => chunk.type === "chunk")
      .flatMap((chunk) => Object.entries(chunk.modules).filter(([, module]) => module.renderedLength > 0).map(([id]) => id));
    this.emitFile({ type: "asset", fileName: `${page}.modules.json`, source: JSON.stringify(modules) });
  },
});

export default ["verify-only", "everything", "jwe"].map((page) => ({
  input: `${page}.js`,
  output: { dir: `out/rollup-${page}`, format: "es" },
  plugins: [nodeResolve(), graph(page)],
}));
