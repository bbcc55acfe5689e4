// The migration that freezes board electorates (0005) on a database that already has proposals:
// nothing saved is lost, open proposals get the board as it is, the proposer is never a voter.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { afterEach, expect, it } from "vitest";
import * as schema from "../../db/schema";
import { registerSearchFunctions, type Db } from "../../db";
import { castVote, getProposal } from "../../app/models/approvals.server";
import { loadPrincipal } from "../../app/models/session.server";
import { migrationsBefore, migrationsFolder } from "../support/migrations";

const FROZEN_AT = "0005_proposal-voters";
let dir: string;
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

it("backfills the electorate of existing proposals: open ones from today's board and their voters, closed ones from their voters", () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "agendawerk-voters-"));
  const sqlite = new Database(path.join(dir, "old.sqlite"));
  sqlite.pragma("foreign_keys = ON");
  // As openDatabase does: a later migration rebuilds the search index with these functions.
  registerSearchFunctions(sqlite);
  const db = drizzle(sqlite, { schema }) as Db;
  migrate(db, { migrationsFolder: migrationsBefore(dir, FROZEN_AT) });
  // Raw SQL in the old shape: the current schema may have columns these tables did not have yet.
  const now = Date.now();
  sqlite.exec(`
    INSERT INTO regions (id, slug, name) VALUES (1, 'r', 'Regio');
    INSERT INTO users (id, email, name, kind) VALUES
      (1, 'coord@x.nl', 'Coördinator', 'member'), (2, 'b1@x.nl', 'Bestuurder Een', 'member'),
      (3, 'b2@x.nl', 'Bestuurder Twee', 'member'), (4, 'oud@x.nl', 'Oud-bestuurder', 'member');
    INSERT INTO memberships (user_id, region_id, role) VALUES (1, 1, 'board'), (2, 1, 'board'), (3, 1, 'board'), (4, 1, 'member');
    INSERT INTO agendas (id, region_id, title, period) VALUES (1, 1, 'Agenda', '2026');
    INSERT INTO agenda_versions (id, agenda_id, kind, state) VALUES (1, 1, 'before_proposal', x'0000');
  `);
  const proposal = sqlite.prepare(
    `INSERT INTO priority_proposals (id, agenda_id, proposed_by, version_id, ranked_items, frozen_items, decision_rule, board_size, deadline, status, created_at)
     VALUES (?, 1, 1, 1, '[]', '[]', '{"kind":"consent","quorum":0.5}', ?, ?, ?, ?)`,
  );
  // Open, proposed by user 1 (who has since, say, been put on the board); user 4 voted before leaving the board.
  proposal.run(1, 3, now + 86_400_000, "open", now);
  // Closed: only its voters were ever recorded.
  proposal.run(2, 2, now - 86_400_000, "returned", now - 2 * 86_400_000);
  const vote = sqlite.prepare("INSERT INTO votes (proposal_id, user_id, value, reason, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)");
  vote.run(1, 4, "akkoord", null, now, now);
  vote.run(1, 1, "akkoord", null, now, now);
  vote.run(2, 2, "bezwaar", "Nee.", now, now);

  migrate(db, { migrationsFolder });

  const voters = (id: number) =>
    sqlite.prepare("SELECT user_id FROM proposal_voters WHERE proposal_id = ? ORDER BY user_id").all(id).map((r) => (r as { user_id: number }).user_id);
  expect(voters(1)).toEqual([2, 3, 4]);
  expect(voters(2)).toEqual([2]);
  // Every vote row is still there; the proposer's own vote no longer counts.
  expect(sqlite.prepare("SELECT count(*) AS n FROM votes").get()).toEqual({ n: 3 });
  expect(getProposal({ db, proposalId: 1 })!.votes.map((v) => v.userId)).toEqual([4]);
  expect(castVote({ db, proposalId: 1, actor: loadPrincipal({ db, userId: 1 })!, value: "akkoord" })).toEqual({ ok: false, error: "approvals.error.notVoter" });
  expect(castVote({ db, proposalId: 1, actor: loadPrincipal({ db, userId: 3 })!, value: "akkoord" })).toMatchObject({ ok: true, status: "open" });
  sqlite.close();
});
