import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { agendaIdOf, countPointer, demo, expectNoPointerEvents, screenshots, tabTo, userPage } from "./helpers";

test("a named version can be viewed read-only and restored as a new change", async ({ browser }) => {
  const { page, context } = await userPage(browser, demo.coordinator);
  const agendaId = await agendaIdOf(page, "amsterdam");
  await page.goto(`/agendas/${agendaId}`);
  await expect(page.getByTestId("sync-status")).toHaveText("Alle wijzigingen zijn opgeslagen");
  const title = page.getByTestId("agenda-item").first().getByTestId("item-title");
  const original = await title.inputValue();

  await page.goto(`/agendas/${agendaId}/versies`);
  await page.getByRole("button", { name: "Versie bewaren" }).click();
  await expect(page.getByText("Geef de versie een naam.")).toBeVisible();
  await page.getByLabel("Naam van de versie").fill("Voor de vergadering");
  await page.getByRole("button", { name: "Versie bewaren" }).click();
  await expect(page.getByTestId("version-row").filter({ hasText: "Voor de vergadering" })).toBeVisible();
  // The date column says what it holds.
  await expect(page.getByRole("columnheader", { name: "Bewaard op" })).toBeVisible();

  await page.goto(`/agendas/${agendaId}`);
  await title.fill("Titel na de vergadering");
  await expect(page.getByTestId("sync-status")).toHaveText("Alle wijzigingen zijn opgeslagen");

  // The old version renders as it was, read-only, with its period spelled out.
  await page.goto(`/agendas/${agendaId}/versies`);
  await page
    .getByTestId("version-row")
    .filter({ hasText: "Voor de vergadering" })
    .getByRole("link", { name: /Bekijken en vergelijken/ })
    .click();
  await expect(page.getByRole("note")).toHaveText("Je bekijkt een oude versie (alleen lezen).");
  const full = page.getByTestId("static-agenda");
  await expect(full.getByTestId("static-item").first()).toContainText(original);
  await expect(full.getByText("Looptijd").first()).toBeVisible();
  await expect(full).not.toContainText("? – ?");
  await expect(full.getByText("Niet ingevuld").first()).toBeVisible();
  await expect(page.getByRole("textbox")).toHaveCount(0);

  // Restore: the step says what changes; the live agenda shows the old title again, and the replaced content is kept as a version.
  await expect(page.getByTestId("restore-effect")).toHaveText(/^Als je deze versie terugzet: 1 agendapunt verandert\./);
  await page.getByRole("button", { name: "Deze versie terugzetten" }).click();
  await expect(page).toHaveURL(new RegExp(`/agendas/${agendaId}/versies\\?teruggezet=\\d+&vorige=\\d+`));
  await expect(page.getByTestId("restore-done")).toContainText("Versie “Voor de vergadering” van");
  await expect(page.getByTestId("version-row").filter({ hasText: "Voor terugzetten" })).toHaveCount(1);
  await page.goto(`/agendas/${agendaId}`);
  await expect(title).toHaveValue(original);

  // A board member may look at history, not write it.
  const board = await userPage(browser, demo.board);
  await board.page.goto(`/agendas/${agendaId}/versies`);
  await expect(board.page.getByRole("button", { name: "Versie bewaren" })).toHaveCount(0);
  await expect(board.page.getByRole("link", { name: /Terugzetten…/ })).toHaveCount(0);
  const post = await board.page.request.post(`/agendas/${agendaId}/versies`, {
    form: { intent: "create", name: "x" },
    maxRedirects: 0,
  });
  expect(post.status()).toBe(403);
  const restore = await board.page.request.post(`/agendas/${agendaId}/versies`, { form: { intent: "restore", versionId: "1" }, maxRedirects: 0 });
  expect(restore.status()).toBe(403);
  await board.context.close();
  await context.close();
});

// On a desktop and on a phone: the same steps by keyboard alone.
for (const width of [1366, 390]) {
  test(`at ${width} px a version is compared with today's agenda and restored by keyboard alone, and every open editor sees it`, async ({ browser }) => {
    // The editor who changes the agenda keeps it open throughout.
    const editor = await userPage(browser, demo.memberTwente);
    const agendaId = await agendaIdOf(editor.page, "twente");
    const live = editor.page;
    await live.goto(`/agendas/${agendaId}`);
    await expect(live.getByTestId("sync-status")).toHaveText("Alle wijzigingen zijn opgeslagen");
    const first = live.getByTestId("agenda-item").first();
    const original = await first.getByTestId("item-title").inputValue();
    const itemCount = await live.getByTestId("agenda-item").count();

    const keyboard = await userPage(browser, "coordinator.twente@demo.agendawerk.nl");
    const page = keyboard.page;
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    // Every pointer press in the page, kept across navigations: the restore below must need none.
    await page.addInitScript(countPointer);
    await page.request.post(`/agendas/${agendaId}/versies`, {
      form: { intent: "create", name: `Voor de toets (${width})` },
    });

    // After the version: one item edited (title and plan), one added.
    await first.getByTestId("item-title").fill(`${original} (bijgewerkt)`);
    await first.getByTestId("item-plan").click();
    await live.keyboard.press("Control+End");
    await live.keyboard.type(` Met extra woorden ${width}.`);
    await live.getByRole("button", { name: "Agendapunt toevoegen" }).click();
    await live.getByTestId("agenda-item").last().getByTestId("item-title").fill("Nieuw punt na de toets");
    await expect(live.getByTestId("sync-status")).toHaveText("Alle wijzigingen zijn opgeslagen");

    await page.goto(`/agendas/${agendaId}/versies`);
    await page.evaluate(() => sessionStorage.setItem("pointer", "0"));
    const restoreLink = page
      .getByTestId("version-row")
      .filter({ hasText: `Voor de toets (${width})` })
      .getByRole("link", { name: /Terugzetten…/ });
    await tabTo(page, restoreLink);
    await page.keyboard.press("Enter");

    // The step before restoring: focused, and it says what will change.
    await expect(page.getByRole("heading", { name: "Wat terugzetten verandert" })).toBeFocused();
    await expect(page.getByTestId("restore-effect")).toHaveText("Als je deze versie terugzet: 1 agendapunt verandert, 1 agendapunt wordt verwijderd.");
    // The comparison with today: the edited item changed (old and new title, the plan's new words marked), the new one added.
    const changed = page.locator('[data-testid="compared-item"][data-change="changed"]');
    await expect(changed).toHaveCount(1);
    await expect(changed.locator('[data-field="title"]')).toContainText(`Eerder${original}`);
    await expect(changed.locator('[data-field="title"]')).toContainText(`Nu${original} (bijgewerkt)`);
    await expect(changed.locator('[data-field="planText"] ins')).toHaveText(new RegExp(`^toegevoegd: .*Met extra woorden ${width}\\.$`));
    await expect(page.locator('[data-testid="compared-item"][data-change="added"]')).toContainText("Nieuw punt na de toets");
    if (screenshots) {
      await page.screenshot({
        path: `${screenshots}/14G-version-${width}.png`,
        fullPage: true,
      });
    }

    await tabTo(page, page.getByRole("button", { name: "Deze versie terugzetten" }));
    await page.keyboard.press("Enter");

    // The confirmation, focused, with the way back.
    const done = page.getByTestId("restore-done");
    await expect(done).toBeFocused();
    await expect(done).toContainText(new RegExp(`^Versie “Voor de toets \\(${width}\\)” van .+ teruggezet\\.`));
    await expect(done).toContainText("Je kunt dit ongedaan maken:");
    await expect(page.getByRole("status").filter({ has: done })).toHaveAttribute("aria-live", "polite");
    // A server-side change: the editor who had the agenda open sees the old content without reloading.
    await expect(first.getByTestId("item-title")).toHaveValue(original);
    await expect(first.getByTestId("item-plan")).not.toContainText(`Met extra woorden ${width}.`);
    await expect(live.getByTestId("agenda-item")).toHaveCount(itemCount);
    if (screenshots)
      await page.screenshot({
        path: `${screenshots}/14G-restored-${width}.png`,
        fullPage: true,
      });

    // Undoing it, by keyboard too, brings the edits back.
    await tabTo(page, page.getByRole("button", { name: "Terugzetten ongedaan maken" }));
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("restore-done")).toBeFocused();
    await expect(page.getByTestId("restore-done")).toContainText(/^Versie van .+ teruggezet\./);
    await expect(first.getByTestId("item-title")).toHaveValue(`${original} (bijgewerkt)`);
    await expect(live.getByTestId("agenda-item")).toHaveCount(itemCount + 1);
    await expectNoPointerEvents(page);

    // Both version pages, with a real comparison, at desktop and phone width: 0 serious or critical
    // axe findings, nothing wider than the screen (once: the phone run checks the same pages).
    if (width === 390) {
      await keyboard.context.close();
      await editor.context.close();
      return;
    }
    const versionHref = (await page
      .getByTestId("version-row")
      .filter({ hasText: `Voor de toets (${width})` })
      .getByRole("link", { name: /Bekijken/ })
      .getAttribute("href"))!;
    for (const pageWidth of [1366, 390]) {
      await page.setViewportSize({ width: pageWidth, height: 900 });
      for (const path of [`/agendas/${agendaId}/versies`, versionHref]) {
        await page.goto(path);
        await page.waitForLoadState("networkidle");
        const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
        const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
        expect.soft(serious, `${path} at ${pageWidth} px`).toEqual([]);
        expect.soft(await page.evaluate(() => document.documentElement.scrollWidth), `${path} at ${pageWidth} px`).toBeLessThanOrEqual(pageWidth);
      }
      if (screenshots && pageWidth === 390) {
        await page.screenshot({
          path: `${screenshots}/14G-version-390.png`,
          fullPage: true,
        });
        await page.goto(`/agendas/${agendaId}/versies`);
        await page.screenshot({
          path: `${screenshots}/14G-list-390.png`,
          fullPage: true,
        });
      }
    }
    await keyboard.context.close();
    await editor.context.close();
  });
}
