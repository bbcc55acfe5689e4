// Bottleneck flags in a real browser. Independent of other spec files: it relies only on the demo
// seed (financing open in Amsterdam, Twente and Zuid-Limburg; one severe barrier older than 30 days)
// and dismisses only the flag it picks itself.
import { expect, test } from "@playwright/test";
import { demo, login } from "./helpers";

const inDays = (days: number) => {
  const d = new Date(Date.now() + days * 24 * 60 * 60 * 1000);
  return d.toISOString().slice(0, 10);
};

test("an adviser sees the national bottleneck, follows it to the passage, and snoozes a flag with a reason", async ({ page }) => {
  await login(page, demo.adviser);
  await page.getByRole("navigation", { name: "Hoofdnavigatie" }).getByRole("link", { name: "Knelpunten" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Knelpunten" })).toBeVisible();

  // The 28 regions, each with a text label, not colour alone.
  const tiles = page.getByTestId("region-tile");
  await expect(tiles).toHaveCount(28);
  await expect(page.locator('[data-testid="region-tile"][data-region="amsterdam"]')).toContainText(/signaal|Geen signalen/);
  await expect(page.locator('[data-testid="region-tile"][data-region="twente"]')).toContainText("betrokken bij landelijk knelpunt");

  // The national bottleneck the demo data provoke, with why, figures and threshold.
  const national = page.getByTestId("national-bottlenecks").locator('[data-flag-key="national-bottleneck:type-financing"]');
  await expect(national).toBeVisible();
  await expect(national.getByTestId("flag-explanation")).toContainText("Belemmering “Bekostiging en financiering” staat open in 3 regio's");
  await expect(national).toContainText("Amsterdam, Twente, Zuid-Limburg");
  await expect(national.getByTestId("flag-threshold")).toHaveText("zelfde soort belemmering open in 3 of meer regio's");

  // Follow it to the passage in Amsterdam's agenda.
  await national.getByRole("link", { name: /^Amsterdam: / }).click();
  await expect(page).toHaveURL(/\/agendas\/\d+#item-/);
  const itemId = decodeURIComponent(new URL(page.url()).hash.replace("#item-", ""));
  await expect(page.locator(`[data-testid="agenda-item"][data-item-id="${itemId}"]`)).toContainText("De financiering van de sensoren is nog niet geregeld");
  // The region's own signals are on the agenda page as well.
  await expect(page.getByRole("heading", { name: "Signalen bij deze agenda" })).toBeVisible();

  // Filter the list to severe barriers open too long (GET form, bookmarkable).
  await page.goto("/knelpunten");
  await page.getByRole("combobox", { name: "Regel", exact: true }).selectOption({ label: "Zware belemmering lang open" });
  await page.getByRole("combobox", { name: "Regio", exact: true }).selectOption({ label: "Amsterdam" });
  await page.getByRole("button", { name: "Toepassen" }).click();
  await expect(page).toHaveURL(/regel=high-barrier/);
  const list = page.getByTestId("flag-list");
  const flag = list.locator('[data-rule="high-barrier"]').first();
  await expect(flag).toBeVisible();
  const key = await flag.getAttribute("data-flag-key");
  await expect(flag.getByTestId("flag-explanation")).toContainText("staat al 45 dagen open");
  await expect(page.getByTestId("csv-link")).toHaveAttribute("href", /\/knelpunten\.csv\?regel=high-barrier&regio=amsterdam/);

  // Snooze it: a reason is required and the date must lie ahead, in Dutch.
  await flag.locator("summary", { hasText: "Wegzetten" }).click();
  await flag.getByLabel("Tot een datum (sluimeren)").check();
  await flag.getByRole("button", { name: "Wegzetten", exact: true }).click();
  await expect(flag.getByText("Geef een reden op (minstens 3 tekens).")).toBeVisible();
  await flag.getByLabel("Reden").fill("Besproken met VWS; bekostiging volgt in het najaar.");
  await flag.getByLabel("Tot en met").fill(inDays(-1));
  await flag.getByRole("button", { name: "Wegzetten", exact: true }).click();
  await expect(flag.getByText("Kies een datum in de toekomst.")).toBeVisible();
  await flag.getByLabel("Tot en met").fill(inDays(14));
  await flag.getByRole("button", { name: "Wegzetten", exact: true }).click();

  // It leaves the list, and comes back only when asked to show dismissed flags, with who and why.
  await expect(list.locator(`[data-flag-key="${key}"]`)).toHaveCount(0);
  await page.getByLabel("Ook weggezette signalen tonen").check();
  await page.getByRole("button", { name: "Toepassen" }).click();
  const dismissed = page.locator(`[data-flag-key="${key}"]`);
  await expect(dismissed.getByTestId("flag-dismissal")).toContainText("Weggezet door Sanne Bakker: “Besproken met VWS; bekostiging volgt in het najaar.”");

  // The CSV has the BOM and semicolons Dutch Excel expects.
  const csv = await page.request.get("/knelpunten.csv?regel=national-bottleneck");
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const body = await csv.body();
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(body.toString("utf8")).toContain("Regel;Ernst;Score;Regio;Onderwerp");
  expect(body.toString("utf8")).toContain("Landelijk knelpunt;hoog;3;Landelijk");
});

test("a region member sees only their own region's flags; the overview is for advisers", async ({ page }) => {
  await login(page, demo.memberTwente);
  await page.goto("/regios/twente");
  const own = page.getByTestId("region-flags");
  await expect(own.getByRole("heading", { name: "Signalen voor deze regio" })).toBeVisible();
  const national = own.locator('[data-flag-key="national-bottleneck:type-financing"]');
  await expect(national).toBeVisible();
  // Twente's part only: no names or links of other regions.
  await expect(national).not.toContainText("Amsterdam");
  await expect(national).not.toContainText("Zuid-Limburg");

  const response = await page.goto("/knelpunten");
  expect(response?.status()).toBe(403);
  await expect(page.getByText("Je hebt geen toegang tot deze pagina.")).toBeVisible();
  expect((await page.request.get("/knelpunten.csv")).status()).toBe(403);
  await expect(page.getByRole("navigation", { name: "Hoofdnavigatie" }).getByRole("link", { name: "Knelpunten" })).toHaveCount(0);
});
