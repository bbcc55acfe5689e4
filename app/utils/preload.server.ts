// Browser chunks a lazily imported module needs, from the build's esbuild metafile (written next to
// the server build by `remix build`), so a page can name them in <link rel="modulepreload"> and the
// browser fetches them with the page instead of one after the other once the import runs.
import fs from "node:fs";
import { fileURLToPath } from "node:url";

type Metafile = { outputs: Record<string, { entryPoint?: string; imports: Array<{ path: string; kind: string }> }> };

function readMetafile(): Metafile | null {
  try {
    return JSON.parse(fs.readFileSync(fileURLToPath(new URL("./metafile.js.json", import.meta.url)), "utf8")) as Metafile;
  } catch {
    // Not running from a build (tests): nothing to preload.
    return null;
  }
}

let metafile: Metafile | null | undefined;
const resolved = new Map<string, string[]>();

/** Public URLs of the outputs for `entryPoints` (source paths such as app/components/x.tsx) and their static imports. */
export function chunkUrls(...entryPoints: string[]): string[] {
  const key = entryPoints.join(" ");
  const known = resolved.get(key);
  if (known) return known;
  if (metafile === undefined) metafile = readMetafile();
  const outputs = metafile?.outputs ?? {};
  const seen = new Set<string>();
  const visit = (out: string) => {
    if (seen.has(out) || !outputs[out]) return;
    seen.add(out);
    for (const i of outputs[out].imports) if (i.kind === "import-statement") visit(i.path);
  };
  for (const entryPoint of entryPoints) {
    const start = Object.keys(outputs).find((out) => outputs[out].entryPoint === entryPoint && out.endsWith(".js"));
    if (start) visit(start);
  }
  // Outputs are named by their path under the project ("public/build/..."), served from "/build/...".
  const urls = [...seen].map((out) => out.replace(/^public\//, "/"));
  resolved.set(key, urls);
  return urls;
}
