// The board's decision on Amsterdam's agenda (decision 026): the rule said before the vote, a vote
// with a reason by keyboard alone at 1366 and 390 px, a changed reason kept, an empty vote refused
// in Dutch, the priorities' savings frozen beside today's, the outcome, and the returned proposal
// on the agenda page. The spec undoes the one change it makes to shared data (a link it adds).
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { agendaIdOf, countPointer, demo, expectNoPointerEvents, screenshots, tabTo, userPage } from "./helpers";

const board2 = "bestuurder2@demo.agendawerk.nl"; // Henk Bos
const objection = "De financiering na de pilot ontbreekt nog.";

async function expectNoSeriousAxe(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes[0]?.target}`)).toEqual([]);
}

test("the board decides by keyboard, sees what will happen and what did, with the savings as proposed beside today's", async ({ browser }) => {
  test.setTimeout(240_000);
  const coord = await userPage(browser, demo.coordinator, { viewport: { width: 1366, height: 900 } });
  const agendaId = await agendaIdOf(coord.page, "amsterdam");

  // Propose the first and third item (both have a linked innovation with a figure).
  await coord.page.goto(`/agendas/${agendaId}/voorleggen`);
  const ranks = coord.page.getByRole("spinbutton", { name: /^Rangnummer voor/ });
  await ranks.nth(0).fill("1");
  await ranks.nth(2).fill("2");
  await coord.page.getByRole("button", { name: "Voorleggen aan de stuurgroep" }).click();
  await expect(coord.page).toHaveURL(/\/voorstellen\/\d+$/);
  const url = coord.page.url();

  // Board member 1 at 1366 px, keyboard only.
  const b1 = await userPage(browser, demo.board, { viewport: { width: 1366, height: 900 } });
  const errors: string[] = [];
  b1.page.on("pageerror", (e) => errors.push(e.message));
  // Every pointer press on the board member's page, kept across navigations: voting must need none.
  await b1.page.addInitScript(countPointer);
  await b1.page.goto(url);
  await b1.page.evaluate(() => sessionStorage.setItem("pointer", "0"));
  const rule = b1.page.getByTestId("rule-text");
  await expect(rule).toContainText("Besluit bij consent: het voorstel is aangenomen als tot de deadline (");
  await expect(rule).toContainText("Eén bezwaar betekent dat het voorstel met de redenen wordt teruggestuurd naar de werkgroep.");
  await expect(rule).toContainText("Het besluit valt zodra iemand bezwaar maakt (dan sluit de stemming, ook voor wie nog niet stemde), zodra alle 2 bestuurders hebben gestemd");
  // Each priority's saving as proposed, each figure leading to its ratings, and its open barriers.
  const first = b1.page.getByTestId("priority-context").first();
  await expect(first.getByTestId("context-saving")).toContainText(/bij voorstel: [\d.,]+.* uur per jaar/);
  await expect(first.getByTestId("context-link").getByRole("link", { name: /niveau \d/ }).first()).toHaveAttribute("href", /\/innovaties\/.+#beoordeling-\d+$/);
  await expectNoSeriousAxe(b1.page);
  if (screenshots) await b1.page.screenshot({ path: `${screenshots}/14H-proposal-1366.png`, fullPage: true });

  const akkoord = b1.page.getByRole("radio", { name: "Akkoord" });
  const reason = b1.page.getByLabel("Reden (verplicht bij bezwaar)");
  const submit = b1.page.getByRole("button", { name: /Stem uitbrengen|Stem wijzigen/ });
  await tabTo(b1.page, akkoord);
  await b1.page.keyboard.press("Space");
  await b1.page.keyboard.press("Tab");
  await expect(reason).toBeFocused();
  await b1.page.keyboard.type("Past bij de regiovisie.");
  await tabTo(b1.page, submit);
  await b1.page.keyboard.press("Enter");
  await expect(b1.page.getByRole("status")).toHaveText("Je stem is vastgelegd.");
  await expect(b1.page.getByTestId("vote-list")).toContainText("Past bij de regiovisie.");

  // The same choice with another reason is a change, kept and confirmed.
  const replaceReason = async (text: string) => {
    await tabTo(b1.page, reason);
    await b1.page.keyboard.press("Control+A");
    await b1.page.keyboard.type(text);
    await tabTo(b1.page, submit);
    await b1.page.keyboard.press("Enter");
  };
  await replaceReason("Past bij de regiovisie en de begroting.");
  await expect(b1.page.getByRole("status")).toHaveText("Je gewijzigde stem is vastgelegd.");
  await expect(b1.page.getByTestId("vote-list")).toContainText("Past bij de regiovisie en de begroting.");
  await b1.page.reload();
  await expect(b1.page.getByTestId("vote-list")).toContainText("Past bij de regiovisie en de begroting.");

  // An old confirmation does not stand beside a new error.
  await replaceReason("Toch twijfel.");
  await expect(b1.page.getByRole("status")).toHaveText("Je gewijzigde stem is vastgelegd.");
  await tabTo(b1.page, b1.page.getByRole("radio", { name: "Akkoord" }));
  await b1.page.keyboard.press("ArrowRight"); // Bezwaar
  await b1.page.keyboard.press("Tab");
  await b1.page.keyboard.press("Control+A");
  await b1.page.keyboard.press("Delete");
  await tabTo(b1.page, submit);
  await b1.page.keyboard.press("Enter");
  await expect(b1.page.getByText("Geef bij bezwaar een reden op")).toBeVisible();
  await expect(b1.page.getByRole("status")).toHaveCount(0);
  await b1.page.goto(url);
  await expect(b1.page.getByTestId("my-vote")).toContainText("Akkoord");
  await expectNoPointerEvents(b1.page);

  // The agenda's saving changes after proposing: the proposal shows both.
  await coord.page.goto(`/agendas/${agendaId}`);
  const card = coord.page.getByRole("region", { name: "Verwachte besparing: Beeldbellen in de wijkverpleging" });
  await card.locator("summary", { hasText: "Innovatie koppelen" }).click();
  const form = card.getByTestId("item-savings-form");
  const innovation = form.getByLabel("Innovatie");
  await innovation.selectOption((await innovation.locator("option", { hasText: "Spraakgestuurd rapporteren" }).getAttribute("value"))!);
  await form.getByLabel("Bereik (aantal)").fill("40");
  await form.getByLabel("Bereik in").selectOption("fte");
  await form.getByLabel("Uren per week per fte aan de taak (bij een percentage van een taak)").fill("3");
  await form.getByRole("button", { name: "Innovatie koppelen" }).click();
  await expect(card.getByTestId("item-savings-link")).toHaveCount(2);

  // Board member 2 at 390 px, keyboard only: an empty vote is refused in Dutch, then an objection.
  const b2 = await userPage(browser, board2, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  b2.page.on("pageerror", (e) => errors.push(e.message));
  await b2.page.addInitScript(countPointer);
  await b2.page.goto(url);
  await b2.page.evaluate(() => sessionStorage.setItem("pointer", "0"));
  const second = b2.page.getByTestId("priority-context").nth(1);
  await expect(second.getByTestId("context-saving")).toContainText("bij voorstel:");
  await expect(second.getByTestId("context-saving-now")).toContainText(/nu: [\d.,]+.* uur per jaar/);
  await expectNoSeriousAxe(b2.page);
  expect(await b2.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  if (screenshots) await b2.page.screenshot({ path: `${screenshots}/14H-proposal-390.png`, fullPage: true });
  await tabTo(b2.page, b2.page.getByRole("button", { name: "Stem uitbrengen" }));
  await b2.page.keyboard.press("Enter");
  await expect(b2.page.getByText("Kies akkoord, bezwaar of onthouding.")).toBeVisible();
  await expect(b2.page.getByRole("radio", { name: "Akkoord" })).toBeFocused();
  await b2.page.keyboard.press("ArrowRight"); // Bezwaar
  await expect(b2.page.getByRole("radio", { name: "Bezwaar" })).toBeChecked();
  await b2.page.keyboard.press("Tab");
  await b2.page.keyboard.type(objection);
  await tabTo(b2.page, b2.page.getByRole("button", { name: "Stem uitbrengen" }));
  await b2.page.keyboard.press("Enter");
  await expect(b2.page.getByTestId("proposal-status")).toHaveText("Teruggestuurd naar de werkgroep");
  const outcome = b2.page.getByTestId("proposal-outcome");
  await expect(outcome).toContainText("Het besluit viel op");
  await expect(outcome).toContainText("Er is bezwaar gemaakt; bij consent gaat het voorstel daarmee terug naar de werkgroep.");
  await expect(outcome).toContainText("Alle stemgerechtigde bestuurders hebben gestemd.");
  await expect(b2.page.getByTestId("vote-list")).toContainText("Marieke Jansen: Akkoord");
  await expect(b2.page.getByTestId("vote-list")).toContainText(objection);
  if (screenshots) await b2.page.screenshot({ path: `${screenshots}/14H-decided-390.png`, fullPage: true });
  await expectNoPointerEvents(b2.page);
  expect(errors).toEqual([]);

  // The agenda page says it was returned, when, and why.
  await coord.page.goto(`/agendas/${agendaId}`);
  const returned = coord.page.getByTestId("not-adopted");
  await expect(returned).toContainText(/Het laatste voorstel is op .+ door de stuurgroep teruggestuurd naar de werkgroep\./);
  await expect(returned).toContainText(`Henk Bos: ${objection}`);
  if (screenshots) await returned.screenshot({ path: `${screenshots}/14H-agenda-returned-1366.png` });

  // Undo the link this spec added.
  const added = coord.page.getByRole("region", { name: "Verwachte besparing: Beeldbellen in de wijkverpleging" });
  await added.getByRole("button", { name: /^Spraakgestuurd rapporteren ontkoppelen$/ }).click();
  await expect(added.getByTestId("item-savings-link")).toHaveCount(1);
  for (const p of [coord, b1, b2]) await p.context.close();
});
