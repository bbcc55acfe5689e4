// Zuid-Limburg's adopted agenda (issue 18): the coordinator proposes the priorities and both board
// members agree, through the models a real adoption takes (createProposal, castVote), dated three
// quarters back, so the public page (/openbaar/zuid-limburg) shows an agenda as adopted with its
// progress since. After the decision the workgroup edits a public item's plan, as work goes on, so
// the live agenda and the adopted one differ. Keyed on the agenda: one with any proposal is left
// alone, so a re-run adds nothing.
import * as Y from "yjs";
import { and, eq } from "drizzle-orm";
import type { Db } from "..";
import { agendaItems, agendas, priorityProposals, regions, users, ydocClients, ydocUpdates } from "../schema";
import { castVote, createProposal } from "../../app/models/approvals.server";
import { loadPrincipal } from "../../app/models/session.server";
import { loadRoomState } from "../../app/collab/storage.server";
import { insertVersion } from "../../app/collab/versions.server";
import { agendaRoom } from "../../app/domain/rooms";
import { getItem, getItemPlan, replaceText } from "../../app/domain/agenda-doc";
import { projectToReadModel } from "../../app/collab/projection.server";
import { periodOf, periodStart, shiftPeriod } from "../../app/domain/periods";
import { silentLogger } from "../../collab-server";

const DAY_MS = 24 * 60 * 60 * 1000;
export const DEMO_ADOPTION = {
  region: "zuid-limburg",
  coordinator: "coordinator.limburg@demo.agendawerk.nl",
  // The lifestyle programme is ranked but kept to the workgroup: the public page leaves it out.
  ranked: ["Slimme medicijndispensers thuis", "Spraakgestuurd rapporteren in de verpleeghuizen van Heuvelland", "Leefstijlprogramma voor ouderen", "Digicoaches in de thuiszorgteams"],
  votes: [
    { email: "bestuurder.limburg@demo.agendawerk.nl", reason: "Past bij de regiovisie; de GGD zorgt voor de aansluiting met de huisartsen." },
    { email: "bestuurder2.limburg@demo.agendawerk.nl", reason: "Akkoord, mits de locaties de werktijd voor en na meten." },
  ],
  // The public page keeps showing the adopted plan; the app shows this one.
  laterEdit: {
    email: "werkgroep.limburg@demo.agendawerk.nl",
    title: "Digicoaches in de thuiszorgteams",
    plan: "Achttien thuiszorgteams krijgen een digicoach die collega's op de werkvloer begeleidt; de zes teams van Zorgcentra Heuvelland sluiten aan.",
  },
} as const;

export async function seedDemoAdoption({ db, now = new Date() }: { db: Db; now?: Date }) {
  const agenda = db
    .select({ id: agendas.id })
    .from(agendas)
    .innerJoin(regions, eq(regions.id, agendas.regionId))
    .where(eq(regions.slug, DEMO_ADOPTION.region))
    .get();
  if (!agenda || db.select({ id: priorityProposals.id }).from(priorityProposals).where(eq(priorityProposals.agendaId, agenda.id)).get()) return;
  const principal = (email: string) => {
    const user = db.select({ id: users.id }).from(users).where(eq(users.email, email)).get();
    return user ? loadPrincipal({ db, userId: user.id }) : null;
  };
  const coordinator = principal(DEMO_ADOPTION.coordinator);
  if (!coordinator) return;
  const itemIds = DEMO_ADOPTION.ranked.map(
    (title) => db.select({ id: agendaItems.id }).from(agendaItems).where(and(eq(agendaItems.agendaId, agenda.id), eq(agendaItems.title, title))).get()?.id,
  );
  if (itemIds.some((id) => !id)) return;
  // After the execution records' start of the work (db/seed/demo-execution.ts): the board adopts what runs.
  const proposedAt = new Date(periodStart(shiftPeriod(periodOf(now), -3)) + 20 * DAY_MS);
  const result = await createProposal({
    db,
    // The server's version is the room's state; here the stored document is the room's state.
    createVersion: async ({ agendaId, kind, actor }) => {
      const { doc } = loadRoomState(db, agendaRoom(agendaId), silentLogger);
      try {
        return insertVersion(db, { agendaId, kind, name: null, state: Y.encodeStateAsUpdate(doc), userId: actor.id, createdAt: proposedAt });
      } finally {
        doc.destroy();
      }
    },
    agendaId: agenda.id,
    actor: coordinator,
    rankedItemIds: itemIds as string[],
    deadline: new Date(proposedAt.getTime() + 28 * DAY_MS),
    now: proposedAt,
  });
  if (!result.ok) throw new Error(`demo adoption: ${result.error}`);
  DEMO_ADOPTION.votes.forEach((v, i) => {
    const voter = principal(v.email);
    if (!voter) return;
    const voted = castVote({ db, proposalId: result.proposalId, actor: voter, value: "akkoord", reason: v.reason, now: new Date(proposedAt.getTime() + (10 + i * 2) * DAY_MS) });
    if (!voted.ok) throw new Error(`demo adoption vote: ${voted.error}`);
  });
  editAfterAdoption(db, agenda.id, itemIds[DEMO_ADOPTION.ranked.indexOf(DEMO_ADOPTION.laterEdit.title)]!, principal(DEMO_ADOPTION.laterEdit.email)?.id);
}

/** The workgroup member's edit as the collaboration server stores one: a logged update under their client id, projected. */
function editAfterAdoption(db: Db, agendaId: number, itemId: string, userId: number | undefined) {
  if (!userId) return;
  const room = agendaRoom(agendaId);
  const { doc } = loadRoomState(db, room, silentLogger);
  try {
    const updates: Uint8Array[] = [];
    doc.on("update", (u: Uint8Array) => updates.push(u));
    const paragraph = getItemPlan(getItem(doc, itemId)!).get(0) as Y.XmlElement;
    replaceText(paragraph.get(0) as Y.XmlText, DEMO_ADOPTION.laterEdit.plan);
    db.transaction((tx) => {
      tx.insert(ydocUpdates).values({ room, update: Buffer.from(Y.mergeUpdates(updates)), userId }).run();
      tx.insert(ydocClients).values({ room, clientId: doc.clientID, userId }).onConflictDoNothing().run();
      // The server's own projection, on the seed's connection inside its transaction.
      projectToReadModel(db, agendaId, doc, new Date(), silentLogger);
    });
  } finally {
    doc.destroy();
  }
}
