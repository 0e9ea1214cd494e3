import { nodeResolve } from "@rollup/plugin-node-resolve";
import { importMetaAssets } from "@web/rollup-plugin-import-meta-assets";

export default {
  input: "rollup.js",
  output: { dir: "public-rollup", format: "es" },
  plugins: [nodeResolve(), importMetaAssets()],
};
