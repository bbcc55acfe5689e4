// The "bare" reference for the agenda page: a plain node:http server that reads the same agenda's
// items from the same SQLite file (better-sqlite3, one prepared statement) and renders them with
// React renderToString in the same markup as StaticAgenda, inside a minimal HTML document. No
// Remix, no session, no layout, no loader data serialisation, no savings: the floor of what
// "render 200 items from SQLite" costs in this stack. Prints "PORT <n>".
import http from "node:http";
import type { AddressInfo } from "node:net";
import Database from "better-sqlite3";
import { createElement as h } from "react";
import { renderToString } from "react-dom/server";

const [file, agendaId] = [process.argv[2], Number(process.argv[3])];
const db = new Database(file, { readonly: true });
const rows = db.prepare(
  "SELECT id, title, status, mechanism, lead_organisation AS leadOrganisation, start_date AS startDate, end_date AS endDate, why, plan_text AS planText FROM agenda_items WHERE agenda_id = ? ORDER BY position",
);
type Row = { id: string; title: string; status: string; mechanism: string | null; leadOrganisation: string; startDate: string | null; endDate: string | null; why: string; planText: string };

function Page({ items }: { items: Row[] }) {
  return h("html", { lang: "nl" }, h("head", null, h("meta", { charSet: "utf-8" }), h("title", null, "Agenda")),
    h("body", null, h("ol", { className: "flex flex-col gap-4" }, items.map((item) =>
      h("li", { key: item.id, className: "rounded-lg border border-slate-200 bg-white p-4" },
        h("h3", { className: "text-lg font-semibold" }, item.title || "Zonder titel"),
        h("dl", { className: "mt-2 grid gap-x-4 gap-y-1 text-sm md:grid-cols-3" },
          h("div", null, h("dt", { className: "font-medium" }, "Status"), h("dd", null, item.status)),
          h("div", null, h("dt", { className: "font-medium" }, "Mechanisme"), h("dd", null, item.mechanism ?? "–")),
          h("div", null, h("dt", { className: "font-medium" }, "Trekker"), h("dd", null, item.leadOrganisation || "–")),
          h("div", null, h("dt", { className: "font-medium" }, "Start – eind"), h("dd", null, `${item.startDate ?? "?"} – ${item.endDate ?? "?"}`)),
          h("div", { className: "md:col-span-2" }, h("dt", { className: "font-medium" }, "Waarom"), h("dd", null, item.why || "–"))),
        h("p", { className: "mt-2 whitespace-pre-line" }, item.planText))))));
}

const server = http.createServer((_req, res) => {
  const html = "<!DOCTYPE html>" + renderToString(h(Page, { items: rows.all(agendaId) as Row[] }));
  res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(html);
});
server.listen(0, "127.0.0.1", () => process.stdout.write(`PORT ${(server.address() as AddressInfo).port}\n`));
