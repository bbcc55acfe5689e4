// The source trees a benchmark runs: the working tree (ours) and, with `--baseline=<rev>`, an
// earlier commit unpacked into a temp folder (before), so both are measured in the same run.
// The app cases build and serve a copy of the working tree (copyOfWorkingTree) and the baseline.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { repoRoot } from "./procs";
import { tempDir } from "./seed";

export type Tree = { root: string; commit: string };

const git = (args: string[]) => {
  const r = spawnSync("git", args, { cwd: repoRoot, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr}`);
  return r.stdout.trim();
};

/**
 * `rev`'s files in a temp folder (`git archive`: no worktree entry left in .git if the bench is
 * killed), with our node_modules linked in when its package-lock.json is ours. Otherwise `npm ci`
 * once per lock file: its node_modules is kept in the temp folder under the lock's hash, for the
 * next run (minutes on a loaded machine).
 */
export function checkOut(rev: string): Tree {
  const commit = git(["rev-parse", "--verify", `${rev}^{commit}`]);
  const root = tempDir("agendawerk-bench-baseline-");
  const tar = spawnSync("sh", ["-c", `git archive ${commit} | tar -x -C "${root}"`], { cwd: repoRoot, encoding: "utf8" });
  if (tar.status !== 0) throw new Error(`git archive ${commit}: ${tar.stderr}`);
  const lock = (dir: string) => fs.readFileSync(path.join(dir, "package-lock.json"), "utf8");
  let modules = path.join(repoRoot, "node_modules");
  if (lock(root) !== lock(repoRoot)) {
    // Named node_modules itself: packages find each other by walking up to a node_modules folder.
    const kept = path.join(os.tmpdir(), `agendawerk-bench-node-modules-${createHash("sha256").update(lock(root)).digest("hex").slice(0, 16)}`);
    modules = path.join(kept, "node_modules");
    if (!fs.existsSync(modules)) {
      const ci = spawnSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: root, encoding: "utf8" });
      if (ci.status !== 0) throw new Error(`npm ci in ${commit}: ${ci.stderr.slice(-2000)}`);
      fs.mkdirSync(kept, { recursive: true });
      fs.renameSync(path.join(root, "node_modules"), modules);
    }
  }
  fs.symlinkSync(modules, path.join(root, "node_modules"), "dir");
  return { root, commit };
}

/**
 * A copy of the working tree as it is now (tracked and untracked files git does not ignore,
 * uncommitted changes included), to build the app in: the shared build/ and public/build/ are
 * then never half-written by the bench, nor rebuilt by someone else under a running bench, and no
 * lock has to be waited for.
 */
export function copyOfWorkingTree(): Tree {
  const root = tempDir("agendawerk-bench-working-tree-");
  // --ignore-failed-read: files deleted but not yet committed are listed and skipped.
  const copy = spawnSync("sh", ["-c", `git ls-files -z --cached --others --exclude-standard | tar --null -T - --ignore-failed-read -cf - 2>/dev/null | tar -x -C "${root}"`], { cwd: repoRoot, encoding: "utf8" });
  if (copy.status !== 0) throw new Error(`copy of the working tree: ${copy.stderr}`);
  fs.symlinkSync(path.join(repoRoot, "node_modules"), path.join(root, "node_modules"), "dir");
  const head = git(["rev-parse", "HEAD"]);
  return { root, commit: git(["status", "--porcelain", "--untracked-files=no"]) ? `${head}+changes` : head };
}

/** Builds the app in `tree` (never the shared working tree); `server.ts` there serves that build. */
export function buildApp(tree: Tree): number {
  if (tree.root === repoRoot) throw new Error("the app is built in a copy of the working tree, not in the shared one");
  const t0 = performance.now();
  const r = spawnSync("npm", ["run", "build"], { cwd: tree.root, stdio: "pipe", encoding: "utf8" });
  if (r.status !== 0) throw new Error(`npm run build in ${tree.root} failed: ${r.stderr.slice(-2000)}`);
  return performance.now() - t0;
}
