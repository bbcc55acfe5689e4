// Catalogue, savings and search in a real browser. Independent of other spec files: it uses an item
// and innovations no other spec links or rates, and compares the region total before and after.
import { expect, test } from "@playwright/test";
import { agendaIdOf, demo, login } from "./helpers";

test("a workgroup member links an innovation with reach and sees the item's saving and the region total change", async ({ page }) => {
  await login(page, demo.member);
  const agendaId = await agendaIdOf(page, "amsterdam");
  await page.goto(`/agendas/${agendaId}`);
  const total = page.getByTestId("agenda-savings-total");
  await expect(total).toBeVisible();
  const before = await total.textContent();
  await expect(page.getByRole("img", { name: /Verwachte besparing per manier van arbeidsbesparing/ })).toBeVisible();

  const card = page.getByRole("region", { name: "Verwachte besparing: Digicoaches voor digitale vaardigheden" });
  await card.locator("summary", { hasText: "Innovatie koppelen" }).click();
  const form = card.getByTestId("item-savings-form");
  const innovation = form.getByLabel("Innovatie");
  const choose = async (name: string) => innovation.selectOption((await innovation.locator("option", { hasText: name }).getAttribute("value"))!);
  // The choices say what each needs before linking: the digicoach figure is no saving at all.
  await expect(innovation.locator("optgroup").first()).toHaveAttribute("label", "Geeft een cijfer voor dit agendapunt");
  await expect(innovation.locator("option", { hasText: "Digicoaches en scholing digitale vaardigheden" })).toHaveText(
    "Digicoaches en scholing digitale vaardigheden — geen arbeidsbesparing: tijdsbesteding (geen effect)",
  );
  // Figures per client with a reach in FTE are refused before anything is stored.
  await choose("Slimme medicijndispenser");
  await expect(form.getByTestId("item-savings-needs")).toHaveText("Voor een cijfer: per cliënt: bereik in cliënten.");
  await form.getByLabel("Bereik (aantal)").fill("40");
  await form.getByRole("button", { name: "Innovatie koppelen" }).click();
  await expect(form.getByText("De beoordelingen van deze innovatie gelden per cliënt: kies het bereik in cliënten.")).toBeVisible();
  // A negative reach is refused with a Dutch message, and nothing is saved.
  await choose("Spraakgestuurd rapporteren");
  await form.getByLabel("Bereik (aantal)").fill("-5");
  await form.getByRole("button", { name: "Innovatie koppelen" }).click();
  await expect(form.getByText("Het bereik kan niet negatief zijn.")).toBeVisible();
  await expect(card.getByTestId("item-savings-link")).toHaveCount(0);

  await form.getByLabel("Bereik (aantal)").fill("40");
  await form.getByLabel("Bereik in").selectOption("fte");
  await form.getByLabel("Uren per week per fte aan de taak (bij een percentage van een taak)").fill("3");
  await form.getByLabel("In welke organisaties").fill("ROC Amstelland");
  await form.getByRole("button", { name: "Innovatie koppelen" }).click();

  // Five ratings as hours a week per FTE: 72%, 58%, 25% of 3 hours and 43, 93 hours a year / 45 weeks:
  // 0.75 to 2.16, median 1.74; × 40 FTE × 45 weeks = 1,350-3,132-3,888 hours; ÷ 1,620 = 0.83-1.9-2.4 FTE.
  const link = card.getByTestId("item-savings-link");
  await expect(link).toContainText("40 fte (medewerkers) in ROC Amstelland");
  await expect(link).toContainText("3.100 (1.400–3.900) uur per jaar");
  await expect(link).toContainText("1,9 (0,83–2,4) fte");
  await expect(link).toContainText("bewijsniveau 2: het zwakste van 5 beoordelingen · sterkste: niveau 3");
  await expect(card.getByText(/1 fte = 1\.620 uur per jaar/)).toBeVisible();
  await expect(total).not.toHaveText(before ?? "");
  await expect(page.getByTestId("agenda-savings-table")).toContainText("Anders werken");

  // One click from the figure to the rating behind it: its quote, unit, level and source.
  await link.getByRole("link", { name: /ICT&health, 2025.*niveau 3/ }).first().click();
  await expect(page).toHaveURL(/\/innovaties\/spraakgestuurd-rapporteren#beoordeling-\d+$/);
  const row = page.locator("tr:target");
  await expect(row).toContainText("72 % van de tijd voor een taak");
  await expect(row).toContainText("3 · Waardebepaling");
  await expect(row.getByTestId("rating-quote")).toContainText("34 seconden versus 122 seconden");
});

test("a fresh start shows each demo agenda's saving with its weakest evidence level", async ({ page }) => {
  await login(page, demo.adviser);
  for (const region of ["amsterdam", "twente", "zuid-limburg"]) {
    await page.goto(`/agendas/${await agendaIdOf(page, region)}`);
    const evidence = page.getByTestId("agenda-evidence-saved");
    await expect(evidence).toContainText(/Arbeidsbesparing: [1-9][\d.,]*( \([\d.,–]+\))? fte per jaar/);
    await expect(evidence.getByTestId("evidence-label")).toContainText(/bewijsniveau [1-4]: het zwakste van/);
  }
});

test("an adviser adds a rating with a source and the combined figure changes", async ({ page }) => {
  await login(page, demo.adviser);
  await page.goto("/innovaties?rated=no");
  await page.getByRole("link", { name: "Beeldbellen en zorg op afstand" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Beeldbellen en zorg op afstand" })).toBeVisible();
  const ratings = page.getByRole("region", { name: "Beoordelingen van de besparing" });
  const figure = ratings.getByTestId("catalogue-summary");
  const before = (await figure.count()) ? await figure.textContent() : null;

  await ratings.locator("summary", { hasText: "Beoordeling toevoegen" }).click();
  const form = page.getByTestId("rating-form");
  await form.getByLabel("Eenheid van de besparing").selectOption("hours_per_week_per_client");
  // Low above high is refused before anything is sent.
  await form.getByLabel("Laag").fill("3");
  await form.getByLabel("Verwacht").fill("2");
  await form.getByLabel("Hoog").fill("1");
  await form.getByRole("button", { name: "Beoordeling toevoegen" }).click();
  await expect(form.getByText("Hoog moet minstens even groot zijn als laag.")).toBeVisible();
  await expect(form.getByText("Noem de bron: elk bewijsniveau, ook een verwachting, heeft een bron nodig.")).toBeVisible();

  await form.getByLabel("Laag").fill("0,5");
  await form.getByLabel("Verwacht").fill("1");
  await form.getByLabel("Hoog").fill("1,5");
  await form.getByLabel("Bewijsniveau").selectOption("2");
  await form.getByLabel("Bron (document, onderzoek of meting)").fill("Pilot medicatierondes Heuvelland 2026");
  await form.getByRole("button", { name: "Beoordeling toevoegen" }).click();

  await expect(page.getByRole("status").filter({ hasText: "De beoordeling is toegevoegd." })).toBeVisible();
  await expect(figure).not.toHaveText(before ?? "");
  await expect(ratings.getByTestId("summary-client")).toContainText("1 (0,5–1,5) uur per week per cliënt");
  await expect(ratings.getByTestId("summary-client")).toContainText("bewijsniveau 2: het zwakste van 1 beoordeling");
  await expect(ratings.getByTestId("ratings-table")).toContainText("Pilot medicatierondes Heuvelland 2026");
  await expect(ratings.getByTestId("ratings-table")).toContainText("Door Sanne Bakker");
});

test("search finds an item by a word in its plan, only for those who may read its agenda", async ({ page, browser }) => {
  await login(page, demo.member);
  await page.getByRole("link", { name: "Zoeken" }).click();
  await page.getByRole("searchbox").fill("afdelingen");
  await page.getByRole("searchbox").press("Enter");
  const results = page.getByTestId("search-results");
  await expect(results).toContainText("Slim incontinentiemateriaal in alle verpleeghuizen");
  await expect(results.locator("mark").first()).toHaveText(/afdelingen/i);

  const other = await browser.newPage();
  await login(other, demo.memberTwente);
  await other.goto("/zoeken?q=afdelingen");
  await expect(other.getByRole("status")).toContainText("Niets gevonden");
  await other.close();
});

test("only members of the region may link on its agenda (HTTP)", async ({ page, browser }) => {
  await login(page, demo.member);
  const agendaId = await agendaIdOf(page, "amsterdam");
  const form = { intent: "add-link", itemId: "x", innovationId: "1", reach: "10", reachUnit: "fte" };

  const twente = await browser.newPage();
  await login(twente, demo.memberTwente);
  expect((await twente.request.post(`/agendas/${agendaId}/innovaties`, { form, maxRedirects: 0 })).status()).toBe(404);
  await twente.close();

  const board = await browser.newPage();
  await login(board, demo.board);
  expect((await board.request.post(`/agendas/${agendaId}/innovaties`, { form, maxRedirects: 0 })).status()).toBe(403);
  expect((await board.request.post(`/agendas/${agendaId}/innovaties`, { form: { intent: "set-target", targetFte: "10" }, maxRedirects: 0 })).status()).toBe(403);
  await board.close();
});

test("a member copies an item another region made public, from the innovation's page", async ({ browser }) => {
  const twente = await browser.newPage();
  await login(twente, demo.memberTwente);
  await twente.goto(`/agendas/${await agendaIdOf(twente, "twente")}`);
  const card = twente.getByRole("article", { name: /Valdetectie met sensoren rond het bed/ });
  // The live editor's own checkbox; the projection writes is_public to the read model.
  await card.getByLabel("Zichtbaar voor iedereen (openbaar), niet alleen voor de werkgroep").check();
  const savings = card.getByRole("region", { name: "Verwachte besparing: Valdetectie met sensoren rond het bed" });
  await savings.locator("summary", { hasText: "Innovatie koppelen" }).click();
  const form = savings.getByTestId("item-savings-form");
  await form.getByLabel("Innovatie").selectOption({ label: "Valdetectie en sensoren rond het bed — geen beoordeling" });
  await form.getByLabel("Bereik (aantal)").fill("60");
  await form.getByRole("button", { name: "Innovatie koppelen" }).click();
  await expect(savings.getByTestId("item-savings-link")).toContainText("Geen besparing te berekenen: geen beoordeling.");
  await twente.close();

  const amsterdam = await browser.newPage();
  await login(amsterdam, demo.member);
  await amsterdam.goto("/innovaties/valdetectie-sensoren");
  const usage = amsterdam.getByTestId("innovation-usage").locator("li").filter({ hasText: "Twente" });
  await expect(usage).toContainText("Valdetectie met sensoren rond het bed");
  await usage.getByLabel("Naar agenda").selectOption({ label: "Amsterdam · Regionale innovatieagenda Amsterdam (2026-2028)" });
  await usage.getByRole("button", { name: "Kopiëren naar mijn agenda" }).click();
  await expect(amsterdam).toHaveURL(/\/agendas\/\d+/);
  await expect(amsterdam.getByRole("region", { name: "Verwachte besparing: Valdetectie met sensoren rond het bed" })).toBeVisible();
  await amsterdam.close();
});
