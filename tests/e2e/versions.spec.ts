import { expect, test } from "@playwright/test";
import { agendaIdOf, demo, userPage } from "./helpers";

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

  await page.goto(`/agendas/${agendaId}`);
  await title.fill("Titel na de vergadering");
  await expect(page.getByTestId("sync-status")).toHaveText("Alle wijzigingen zijn opgeslagen");

  // The old version renders as it was, read-only.
  await page.goto(`/agendas/${agendaId}/versies`);
  await page.getByTestId("version-row").filter({ hasText: "Voor de vergadering" }).getByRole("link", { name: "Bekijken" }).click();
  await expect(page.getByRole("note")).toHaveText("Je bekijkt een oude versie (alleen lezen).");
  await expect(page.getByTestId("static-item").first()).toContainText(original);
  await expect(page.getByRole("textbox")).toHaveCount(0);

  // Restore: the live agenda shows the old title again, and the replaced content is kept as a version.
  await page.goto(`/agendas/${agendaId}/versies`);
  page.once("dialog", (d) => d.accept());
  await page.getByTestId("version-row").filter({ hasText: "Voor de vergadering" }).getByRole("button", { name: "Deze versie terugzetten" }).click();
  await expect(page).toHaveURL(new RegExp(`/agendas/${agendaId}\\?hersteld=1`));
  await expect(title).toHaveValue(original);
  await page.goto(`/agendas/${agendaId}/versies`);
  await expect(page.getByTestId("version-row").filter({ hasText: "Voor terugzetten" })).toHaveCount(1);

  // A board member may look at history, not write it.
  const board = await userPage(browser, demo.board);
  await board.page.goto(`/agendas/${agendaId}/versies`);
  await expect(board.page.getByRole("button", { name: "Versie bewaren" })).toHaveCount(0);
  const post = await board.page.request.post(`/agendas/${agendaId}/versies`, { form: { intent: "create", name: "x" }, maxRedirects: 0 });
  expect(post.status()).toBe(403);
  await board.context.close();
  await context.close();
});
