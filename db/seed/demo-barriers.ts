// Demo barriers on the three demo agendas, anchored to real passages of their plans. Keyed on
// (agenda, type, quote): a re-run adds only what is missing. The markers go into the stored
// document as one appended update, as the collaboration server would have logged it.
import * as Y from "yjs";
import { and, eq } from "drizzle-orm";
import type { Db } from "..";
import { agendas, barrierComments, barrierFollowers, barriers, regions, users, ydocUpdates } from "../schema";
import { agendaRoom } from "../../app/domain/rooms";
import { getItems, projectItem } from "../../app/domain/agenda-doc";
import { anchorForPassage, getBarrierMarkers, resolveItemAnchor, type BarrierStatus } from "../../app/domain/barrier-anchors";
import { recordAudit } from "../../app/models/audit.server";
import { loadRoomState } from "../../app/collab/storage.server";
import { demoAgendas } from "./demo-agendas";
import { log } from "../../app/utils/log.server";

type DemoBarrier = {
  region: string;
  itemTitle: string;
  passage: string;
  typeKey: string;
  subTypeKey?: string;
  severity: "laag" | "middel" | "hoog";
  level: "organisatie" | "regio" | "landelijk";
  description: string;
  daysAgo: number;
  assignee?: string;
  status?: { to: BarrierStatus; by: string; reason: string; daysAgo: number };
};

const ADVISER = "adviseur@demo.agendawerk.nl";

// "financing" is open in all three regions, each time with another cause (Wlz, Zvw, Wmo): grouped by
// sub-type they are three regional problems, not one national bottleneck (decision 017).
export const demoBarriers: DemoBarrier[] = [
  {
    region: "amsterdam",
    itemTitle: "Slim incontinentiemateriaal in alle verpleeghuizen",
    passage: "De financiering van de sensoren is nog niet geregeld",
    typeKey: "financing",
    subTypeKey: "financing-wlz",
    severity: "hoog",
    level: "landelijk",
    description: "Na de pilot betaalt niemand de sensoren: de Wlz-tarieven dekken technologie niet structureel.",
    daysAgo: 45,
    assignee: "coordinator@demo.agendawerk.nl",
  },
  {
    region: "amsterdam",
    itemTitle: "Digicoaches voor digitale vaardigheden",
    passage: "Elke organisatie leidt twee digicoaches op via het ROC",
    typeKey: "training-capacity",
    severity: "middel",
    level: "regio",
    description: "Teams hebben geen roosterruimte om digicoaches vrij te maken naast de zorg.",
    daysAgo: 12,
    assignee: "werkgroep@demo.agendawerk.nl",
    status: { to: "in_behandeling", by: "werkgroep@demo.agendawerk.nl", reason: "Het ROC zoekt uit of de opleiding in de avond kan.", daysAgo: 5 },
  },
  {
    region: "twente",
    itemTitle: "Telemonitoring hartfalen vanuit het ziekenhuis",
    passage: "Gegevensuitwisseling met de huisarts loopt nog niet via een standaard",
    typeKey: "data-exchange",
    severity: "middel",
    level: "landelijk",
    description: "Zonder landelijke standaard bouwt elk ziekenhuis een eigen koppeling met de huisartsen.",
    daysAgo: 20,
  },
  {
    region: "twente",
    itemTitle: "Telemonitoring hartfalen vanuit het ziekenhuis",
    passage: "Vijfhonderd patiënten met hartfalen krijgen thuis telemonitoring",
    typeKey: "financing",
    subTypeKey: "financing-zvw",
    severity: "middel",
    level: "landelijk",
    description: "Telemonitoring valt buiten de DBC-bekostiging; het ziekenhuis betaalt de opschaling uit eigen middelen.",
    daysAgo: 18,
  },
  {
    region: "twente",
    itemTitle: "Valdetectie met sensoren rond het bed",
    passage: "de leverancier wordt gekozen via een regionale aanbesteding",
    typeKey: "procurement",
    severity: "laag",
    level: "regio",
    description: "Een aanbesteding per organisatie zou drie verschillende systemen opleveren.",
    daysAgo: 8,
  },
  {
    region: "zuid-limburg",
    itemTitle: "Slimme medicijndispensers thuis",
    passage: "Tweehonderd cliënten krijgen een dispenser",
    typeKey: "financing",
    subTypeKey: "financing-wmo",
    severity: "middel",
    level: "landelijk",
    description: "De dispensers worden per gemeente verschillend vergoed; structurele financiering ontbreekt.",
    daysAgo: 25,
  },
];


export function seedDemoBarriers({ tx, now = new Date() }: { tx: Db; now?: Date }) {
  const userId = (email: string) => tx.select({ id: users.id }).from(users).where(eq(users.email, email)).get()?.id;
  const adviserId = userId(ADVISER);
  if (!adviserId) return;

  for (const agendaDef of demoAgendas) {
    const agenda = tx
      .select({ id: agendas.id, regionId: agendas.regionId })
      .from(agendas)
      .innerJoin(regions, eq(regions.id, agendas.regionId))
      .where(and(eq(regions.slug, agendaDef.region), eq(agendas.period, agendaDef.period)))
      .get();
    if (!agenda) continue;
    const wanted = demoBarriers.filter(
      (b) =>
        b.region === agendaDef.region &&
        !tx
          .select({ id: barriers.id })
          .from(barriers)
          .where(and(eq(barriers.agendaId, agenda.id), eq(barriers.typeKey, b.typeKey), eq(barriers.quote, b.passage)))
          .get(),
    );
    if (!wanted.length) continue;

    const room = agendaRoom(agenda.id);
    const { doc } = loadRoomState(tx, room, log);
    const updates: Uint8Array[] = [];
    doc.on("update", (u: Uint8Array) => updates.push(u));
    for (const b of wanted) {
      const item = [...getItems(doc).values()].map(projectItem).find((i) => i.title === b.itemTitle);
      const anchor = item ? anchorForPassage(doc, item.id, b.passage) : null;
      // Someone edited the passage away: nothing to anchor to, so no demo barrier.
      if (!item || !anchor || resolveItemAnchor(doc, item.id, anchor.start, anchor.end).kind !== "ok") continue;
      const createdAt = new Date(now.getTime() - b.daysAgo * 86_400_000);
      const assigneeId = b.assignee ? (userId(b.assignee) ?? null) : null;
      const status = b.status ? b.status.to : "open";
      const row = tx
        .insert(barriers)
        .values({
          agendaId: agenda.id,
          itemId: item.id,
          typeKey: b.typeKey,
          subTypeKey: b.subTypeKey ?? null,
          severity: b.severity,
          level: b.level,
          description: b.description,
          assigneeId,
          status,
          anchorStart: Buffer.from(anchor.start, "base64"),
          anchorEnd: Buffer.from(anchor.end, "base64"),
          quote: b.passage,
          createdBy: adviserId,
          createdAt,
        })
        .returning({ id: barriers.id })
        .get();
      const followers = [adviserId, ...(assigneeId ? [assigneeId] : [])];
      tx.insert(barrierFollowers).values(followers.map((u) => ({ barrierId: row.id, userId: u }))).onConflictDoNothing().run();
      recordAudit({ db: tx, actorId: adviserId, action: "barrier.created", entityType: "barrier", entityId: row.id, regionId: agenda.regionId, data: { seed: true } });
      if (b.status) {
        const by = userId(b.status.by) ?? adviserId;
        const at = new Date(now.getTime() - b.status.daysAgo * 86_400_000);
        tx.update(barriers).set({ statusChangedAt: at }).where(eq(barriers.id, row.id)).run();
        tx.insert(barrierComments).values({ barrierId: row.id, authorId: by, body: b.status.reason, statusFrom: "open", statusTo: b.status.to, createdAt: at }).run();
        tx.insert(barrierFollowers).values({ barrierId: row.id, userId: by }).onConflictDoNothing().run();
        recordAudit({ db: tx, actorId: by, action: "barrier.status_changed", entityType: "barrier", entityId: row.id, regionId: agenda.regionId, data: { from: "open", to: b.status.to, reason: b.status.reason, seed: true } });
      }
      getBarrierMarkers(doc).set(String(row.id), { itemId: item.id, start: anchor.start, end: anchor.end, severity: b.severity, status });
    }
    if (updates.length) {
      tx.insert(ydocUpdates).values({ room, update: Buffer.from(Y.mergeUpdates(updates)), userId: null }).run();
    }
    doc.destroy();
  }
}
