// Hardening on the real app: 100 cross-region attempts over HTTP and the collaboration websocket
// with a real session, all refused; and logging out closes that session's websockets within 5 s.
import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import { databasePath } from "../../playwright.config";
import { agendaIdOf, collabAnswer, demo, login } from "./helpers";

function twenteAgendaIds(): number[] {
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare("select a.id from agendas a join regions r on r.id = a.region_id where r.slug = 'twente'").all() as Array<{ id: number }>).map((r) => r.id);
  } finally {
    db.close();
  }
}

test("100 cross-region attempts over HTTP and the websocket are all refused", async ({ page }) => {
  await login(page, demo.member);
  const cookies = await page.context().cookies();
  const cookie = cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const [agendaId] = twenteAgendaIds();
  const paths = [
    `/agendas/${agendaId}`,
    `/agendas/${agendaId}/versies`,
    `/agendas/${agendaId}/belemmeringen`,
    `/agendas/${agendaId}/innovaties`,
    `/agendas/${agendaId}/voorleggen`,
    `/agendas/${agendaId}/vastgesteld`,
    `/regios/twente/leden`,
    `/regios/twente/besluiten`,
  ];
  const http: Array<Promise<{ what: string; status: number }>> = [];
  for (let i = 0; http.length < 60; i++) {
    const p = paths[i % paths.length];
    const method = i % 3 === 0 ? "POST" : "GET";
    const url = `${p}${i >= paths.length ? `?n=${i}` : ""}`;
    http.push(
      (method === "GET" ? page.request.get(url, { maxRedirects: 0 }) : page.request.post(url, { form: { intent: "save" }, maxRedirects: 0 })).then((r) => ({
        what: `${method} ${url}`,
        status: r.status(),
      })),
    );
  }
  const rooms = [`agenda:${agendaId}`, `agenda%3A${agendaId}`, `agenda:${agendaId}?a=1`, `agenda:0${agendaId}`];
  const ws: Array<Promise<{ what: string; code?: number; status?: number; synced: boolean }>> = [];
  for (let i = 0; ws.length < 40; i++) {
    const room = rooms[i % rooms.length];
    ws.push(collabAnswer(room, cookie).then((r) => ({ what: room, ...r })));
  }
  const httpResults = await Promise.all(http);
  const wsResults = await Promise.all(ws);
  expect(httpResults.length + wsResults.length).toBe(100);
  // 405: a POST to a route without an action is refused before any loader runs.
  expect(httpResults.filter((r) => ![403, 404, 405].includes(r.status))).toEqual([]);
  expect(wsResults.filter((r) => r.synced || (r.code !== 4403 && r.code !== 4404 && r.status !== 404))).toEqual([]);
});

test("logging out closes the session's websockets within 5 s", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, demo.member);
  const agendaId = await agendaIdOf(page, "amsterdam");
  const closed = new Promise<number>((resolve) => {
    page.on("websocket", (ws) => {
      if (ws.url().includes("/collab/")) ws.on("close", () => resolve(Date.now()));
    });
  });
  await page.goto(`/agendas/${agendaId}`);
  await expect(page.getByTestId("live-agenda")).toHaveAttribute("data-sync-state", "synced");
  // Log out from a second tab of the same session: the first tab's socket must be cut.
  const other = await context.newPage();
  await other.goto("/");
  const started = Date.now();
  await other.request.post("/logout", { maxRedirects: 0 });
  const at = await Promise.race([closed, new Promise<number>((r) => setTimeout(() => r(-1), 5000))]);
  expect(at).toBeGreaterThan(0);
  expect(at - started).toBeLessThan(5000);
  await context.close();
});

test("pages carry a Content-Security-Policy with a fresh nonce; the agenda works under it and an injected script does not run", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await login(page, demo.memberTwente);
  const agendaId = await agendaIdOf(page, "twente");
  const first = await page.goto(`/agendas/${agendaId}`);
  const policy = first!.headers()["content-security-policy"];
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
  expect(policy).toContain("object-src 'none'");
  expect(policy).toContain("frame-ancestors 'none'");
  expect(nonce).toBeTruthy();
  // Every script of the page carries the nonce; the live editor loads and syncs under the policy.
  await expect(page.getByTestId("sync-status")).toHaveText("Alle wijzigingen zijn opgeslagen");
  const scripts = await page.locator("script").evaluateAll((els) => els.map((el) => (el as HTMLScriptElement).nonce));
  expect(scripts.length).toBeGreaterThan(0);
  expect(new Set(scripts)).toEqual(new Set([nonce]));
  // A script injected without the nonce is refused by the browser.
  const ran = await page.evaluate(async () => {
    const el = document.createElement("script");
    el.textContent = "window.__injected = true";
    document.body.append(el);
    await new Promise((r) => setTimeout(r, 100));
    return (window as unknown as { __injected?: boolean }).__injected === true;
  });
  expect(ran).toBe(false);
  expect(violations.length).toBe(1); // the injected one, nothing of our own
  const second = await page.goto(`/agendas/${agendaId}`);
  expect(second!.headers()["content-security-policy"]).not.toContain(`'nonce-${nonce}'`);
  await context.close();
});
