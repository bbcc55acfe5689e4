import { expect, type Browser, type BrowserContextOptions, type Locator, type Page } from "@playwright/test";
import WebSocket from "ws";
import AxeBuilder from "@axe-core/playwright";
import { baseURL } from "../../playwright.config";

export const DEMO_PASSWORD = "Agendawerk-demo-2026";

// Set to a folder to keep the specs' screenshots; unset, none are taken.
export const screenshots = process.env.E2E_SCREENSHOTS;

export const demo = {
  member: "werkgroep@demo.agendawerk.nl",
  coordinator: "coordinator@demo.agendawerk.nl",
  board: "bestuurder@demo.agendawerk.nl",
  adviser: "adviseur@demo.agendawerk.nl",
  admin: "beheer@demo.agendawerk.nl",
  memberTwente: "werkgroep.twente@demo.agendawerk.nl",
  memberLimburg: "werkgroep.limburg@demo.agendawerk.nl",
} as const;

export async function login(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord").fill(password);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

/** A fresh browser context (own cookies, own IndexedDB) logged in as `email`. */
export async function userPage(browser: Browser, email: string, options: BrowserContextOptions = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await login(page, email);
  return { context, page };
}

export async function agendaIdOf(page: Page, regionSlug: string) {
  await page.goto(`/regios/${regionSlug}`);
  const href = await page.locator('main a[href^="/agendas/"]').first().getAttribute("href");
  return Number(href!.split("/").pop());
}

/**
 * Close code (or HTTP status) of a websocket to a room, with the given cookie, sent as from a page
 * of `origin` (the app's own by default; null sends no Origin). With `untilSynced`, a room that
 * answers with data resolves at once (and is closed) instead of staying open.
 */
export function collabAnswer(
  room: string,
  cookie: string,
  { server = baseURL, origin = baseURL, untilSynced = false }: { server?: string; origin?: string | null; untilSynced?: boolean } = {},
): Promise<{ code?: number; status?: number; synced: boolean }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${server.replace("http", "ws")}/collab/${room}`, { headers: { cookie, ...(origin ? { origin } : {}) } });
    let gotData = false;
    ws.on("message", () => {
      gotData = true;
      if (untilSynced) {
        resolve({ synced: true });
        ws.close();
      }
    });
    ws.on("close", (code) => resolve({ code, synced: gotData }));
    ws.on("unexpected-response", (_req, res) => {
      resolve({ status: res.statusCode, synced: false });
      ws.terminate();
    });
    ws.on("error", () => {});
  });
}

/** Opens an agenda and waits until the live editor has synced (nothing left to save). */
export async function openAgenda(page: Page, agendaId: number) {
  await page.goto(`/agendas/${agendaId}`);
  await expect(page.getByTestId("sync-status")).toHaveText("Alle wijzigingen zijn opgeslagen");
}

/** The coordinator proposes the agenda's items at the given positions (0-based) as priorities 1, 2, …; the proposal's address. */
export async function proposeAgenda(page: Page, agendaId: number, items: number[]) {
  await page.goto(`/agendas/${agendaId}/voorleggen`);
  const ranks = page.getByRole("spinbutton", { name: /^Rangnummer voor/ });
  for (const [rank, item] of items.entries()) await ranks.nth(item).fill(String(rank + 1));
  await page.getByRole("button", { name: "Voorleggen aan de stuurgroep" }).click();
  await expect(page).toHaveURL(/\/voorstellen\/\d+$/);
  return new URL(page.url()).pathname;
}

/** A board member objects to the proposal at `path`: under consent that returns it to the workgroup. */
export async function objectToProposal(page: Page, path: string, reason: string) {
  await page.goto(path);
  await page.getByRole("radio", { name: "Bezwaar" }).check();
  await page.getByLabel("Reden (verplicht bij bezwaar)").fill(reason);
  await page.getByRole("button", { name: "Stem uitbrengen" }).click();
  await expect(page.getByTestId("proposal-status")).toHaveText("Teruggestuurd naar de werkgroep");
}

/** Where the first link matching `pattern` on `path` goes (a barrier, a version), to check its page too. */
export async function firstLink(page: Page, path: string, pattern: RegExp) {
  await page.goto(path);
  const hrefs = await page.locator("main a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  const href = hrefs.find((h) => pattern.test(h));
  expect(href, `a link like ${pattern} on ${path}`).toBeTruthy();
  return href!;
}

/** Presses Tab until `target` has focus (it must be reachable by keyboard), at most `max` times. */
export async function tabTo(page: Page, target: Locator, max = 200) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`${target} not reached with ${max} Tab presses`);
}

/**
 * Init script counting every pointer press in the page into sessionStorage "pointer", kept across
 * navigations: `page.addInitScript(countPointer)`, set "pointer" to "0" where the keyboard part
 * starts, and `expectNoPointerEvents(page)` at its end.
 */
export const countPointer = () => {
  const bump = () => sessionStorage.setItem("pointer", String(Number(sessionStorage.getItem("pointer") ?? 0) + 1));
  addEventListener("pointerdown", bump, true);
  addEventListener("mousedown", bump, true);
};

/** The page was used by keyboard alone: no pointer press since "pointer" was set to "0". */
export async function expectNoPointerEvents(page: Page) {
  expect(await page.evaluate(() => sessionStorage.getItem("pointer")), "pointer presses on the page").toBe("0");
}

/** Axe (WCAG 2.1 A/AA) finds nothing serious or critical, and nothing scrolls sideways, at 1366 and 390 px. */
export async function axeAtBothWidths(page: Page) {
  for (const width of [1366, 390]) {
    await page.setViewportSize({ width, height: 900 });
    const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical"), `${page.url()} at ${width}px`).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `no sideways scroll at ${width}px`).toBeLessThanOrEqual(width);
  }
  await page.setViewportSize({ width: 1366, height: 900 });
}

/** Selects `passage` inside the element with a DOM range, as a mouse drag would. */
export async function selectText(page: Page, selector: string, passage: string) {
  const found = await page.locator(selector).evaluate((el, text) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const node = n as Text;
      const at = node.data.indexOf(text);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + text.length);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      return true;
    }
    return false;
  }, passage);
  expect(found).toBe(true);
}

/**
 * Records what the Tiptap editor at `selector` does (each change's steps, whether it came from the
 * live document, the selection after it, an editor replaced) and when the page's sockets open and
 * close. `explain(check)` prints that record when `check` fails: for a failure seen once in CI and
 * not on this machine, the next occurrence says what happened.
 */
export async function recordEditor(page: Page, selector: string) {
  const started = Date.now();
  const sockets: string[] = [];
  page.on("websocket", (ws) => {
    sockets.push(`${Date.now() - started} ms socket open ${ws.url()}`);
    ws.on("close", () => sockets.push(`${Date.now() - started} ms socket closed`));
  });
  await page.evaluate((sel) => {
    type Recorded = { on(event: string, fn: (arg: { transaction: { docChanged: boolean; steps: Array<{ toJSON(): unknown }>; getMeta(key: string): unknown; selection: { anchor: number; head: number } } }) => void): void };
    const editor = (document.querySelector(sel) as (Element & { editor?: Recorded }) | null)?.editor;
    const state = window as unknown as { editorRecord: string[]; recordedEditor: unknown };
    state.editorRecord = [];
    state.recordedEditor = editor;
    const at = performance.now();
    editor?.on("transaction", ({ transaction: tr }) => {
      const steps = tr.steps.map((step) => JSON.stringify(step.toJSON())).join(" ");
      const remote = tr.getMeta("y-sync$") !== undefined ? " (from the live document)" : "";
      state.editorRecord.push(`${Math.round(performance.now() - at)} ms ${tr.docChanged ? steps : "selection"}${remote} -> ${tr.selection.anchor}-${tr.selection.head}`);
    });
  }, selector);
  const record = async () => {
    const editorLines = await page.evaluate((sel) => {
      const state = window as unknown as { editorRecord?: string[]; recordedEditor: unknown };
      const replaced = (document.querySelector(sel) as (Element & { editor?: unknown }) | null)?.editor !== state.recordedEditor;
      return [...(state.editorRecord ?? []), replaced ? "the editor was replaced" : "the same editor throughout", `DOM: ${document.querySelector(sel)?.innerHTML}`];
    }, selector);
    return [...sockets, ...editorLines].join("\n");
  };
  return {
    explain: <T,>(check: Promise<T>) =>
      check.catch(async (err: unknown) => {
        console.log(`What the editor at ${selector} did:\n${await record().catch((e: unknown) => String(e))}`);
        throw err;
      }),
  };
}
