// The layers of docs/architecture.md, checked on the source: the collaboration server is a generic
// Yjs room server (it imports nothing of the app or its database; the agenda is its extension in
// app/collab/), and the browser talks to it only through the shared module (shared/), never by
// importing the server's code. Reads every import of every file, so a new file is covered at once.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

function sourceFiles(dir: string): string[] {
  const full = path.join(root, dir);
  if (!fs.existsSync(full)) return [];
  if (fs.statSync(full).isFile()) return [dir];
  return fs
    .readdirSync(full, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : /\.(ts|tsx|js|mjs)$/.test(e.name) ? [path.join(dir, e.name)] : []));
}

// Static imports and re-exports, dynamic import() and require(): every way a module reaches another.
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)["']([^"']+)["']/g;

/** What `file` imports, as paths from the repository root (packages as they are written). */
export function importsOf(file: string): string[] {
  const source = fs.readFileSync(path.join(root, file), "utf8");
  return [...source.matchAll(IMPORT)].map(([, spec]) => {
    if (spec.startsWith("~/")) return path.join("app", spec.slice(2));
    if (spec.startsWith(".")) return path.relative(root, path.resolve(path.dirname(path.join(root, file)), spec));
    return spec;
  });
}

const within = (target: string, dir: string) => target === dir || target.startsWith(`${dir}/`);

function offending(files: string[], forbidden: string[]) {
  return files.flatMap((file) => importsOf(file).filter((t) => forbidden.some((dir) => within(t, dir))).map((t) => `${file} -> ${t}`));
}

describe("layer boundaries", () => {
  it("the collaboration server imports nothing from the app or its database", () => {
    const files = sourceFiles("collab-server");
    expect(files.length).toBeGreaterThan(5);
    expect(offending(files, ["app", "db"])).toEqual([]);
  });

  it("browser code imports nothing from the collaboration server", () => {
    const browser = ["app/components", "app/routes", "app/editor", "app/root.tsx", ...fs.readdirSync(path.join(root, "app")).filter((f) => f.startsWith("entry.")).map((f) => `app/${f}`)];
    const files = browser.flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(20);
    expect(offending(files, ["collab-server"])).toEqual([]);
  });

  it("finds the imports it checks", () => {
    // The reader itself must see what it judges: a regex that matched nothing would pass everything.
    expect(importsOf("tests/unit/boundaries.test.ts")).toEqual(expect.arrayContaining(["node:fs", "vitest"]));
    expect(importsOf("app/components/agenda/agenda-connection.ts")).toContain("shared/close-codes");
  });
});
