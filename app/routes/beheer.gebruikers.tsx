import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { titleMeta } from "~/i18n/meta";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { allowedOr403, requirePermission } from "~/utils/auth.server";
import { closeSocketsOfUsersWhoseAccessChanged } from "~/utils/access-change.server";
import { listRegionsAndOrganisations } from "~/models/admin.server";
import { searchUsers, setUserDisabled } from "~/models/user-admin.server";
import { createUser, emailExists, getUserKind, setCoverage, setMembership } from "~/models/user.server";
import { coverageSchema, createUserSchema, disableUserSchema, membershipSchema, resetPasswordSchema } from "~/forms/admin-users";
import { forcePasswordReset, inviteUser } from "~/models/account.server";
import { passwordLink } from "~/utils/password-links.server";
import { oidcProviders } from "~/utils/oidc.server";
import { requiredProvider } from "~/domain/oidc-providers";
import { parseForm, useFormValidation, type FieldErrors } from "~/forms/validation";
import { Field, FormError } from "~/components/field";
import { useT } from "~/i18n";
import { roleLabel } from "~/components/role";
import { RegionRoleOptions } from "~/components/region-role-options";
import { ScrollRegion } from "~/components/scroll-region";
import { UserCombobox } from "~/components/user-combobox";
import type { MessageKey } from "~/i18n/messages";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, (t) => [t("admin.users"), t("nav.admin")]);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const admin = requirePermission({ request, context }, "manage:platform");
  const params = new URL(request.url).searchParams;
  const query = (params.get("q") ?? "").slice(0, 200);
  const list = searchUsers({ db: context.db, query, page: Number(params.get("pagina")) || 1 });
  return { adminId: admin.id, query, list, ...listRegionsAndOrganisations({ db: context.db }) };
}

type ActionResult = { intent: string; errors: FieldErrors; message?: MessageKey; email?: string; link?: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = requirePermission({ request, context }, "manage:platform");
  const form = await request.formData();
  const db = context.db;
  const fail = (intent: string, errors: FieldErrors) => data<ActionResult>({ intent, errors }, { status: 400 });
  switch (form.get("intent")) {
    case "create-user": {
      const parsed = parseForm(createUserSchema, form);
      if (!parsed.ok) return fail("create-user", parsed.errors);
      if (emailExists({ db, email: parsed.data.email })) return fail("create-user", { email: "admin.emailTaken" });
      const { intent: _intent, password, ...fields } = parsed.data;
      // A password for an address that may sign in only through its provider could never be used.
      if (password && requiredProvider(oidcProviders, fields.email)) return fail("create-user", { password: "admin.passwordProviderOnly" });
      // The administrator knows a password given here: it opens nothing but the change to one of the
      // user's own. Without one, the user sets it through the invitation's one-time link.
      const userId = await createUser({ db, actorId: admin.id, ...fields, password: password || null, mustChangePassword: Boolean(password) });
      const invited = password ? null : allowedOr403(() => inviteUser({ db, actor: admin.principal, userId, providers: oidcProviders }));
      return data<ActionResult>({ intent: "create-user", errors: {}, message: invited === "provider" ? "mail.invitedProvider" : invited ? "mail.invited" : "admin.created", email: fields.email });
    }
    case "set-membership": {
      const parsed = parseForm(membershipSchema, form);
      if (!parsed.ok) return fail("set-membership", parsed.errors);
      if (getUserKind({ db, userId: parsed.data.userId }) !== "member") return fail("set-membership", { form: "admin.roleForKind" });
      // Administrators hold no region role (kind), and nobody sets their own (setMembership refuses it).
      if (!allowedOr403(() => setMembership({ db, actor: admin.principal, ...parsed.data })).ok) return fail("set-membership", { form: "members.notYourself" });
      closeSocketsOfUsersWhoseAccessChanged(context, { kind: "user", userId: parsed.data.userId });
      return data<ActionResult>({ intent: "set-membership", errors: {}, message: "admin.saved" });
    }
    case "set-coverage": {
      const parsed = parseForm(coverageSchema, form);
      if (!parsed.ok) return fail("set-coverage", parsed.errors);
      if (getUserKind({ db, userId: parsed.data.userId }) !== "adviser") return fail("set-coverage", { form: "admin.roleForKind" });
      allowedOr403(() => setCoverage({ db, actor: admin.principal, ...parsed.data }));
      closeSocketsOfUsersWhoseAccessChanged(context, { kind: "user", userId: parsed.data.userId });
      return data<ActionResult>({ intent: "set-coverage", errors: {}, message: "admin.saved" });
    }
    case "set-disabled": {
      const parsed = parseForm(disableUserSchema, form);
      if (!parsed.ok) return fail("set-disabled", parsed.errors);
      if (parsed.data.userId === admin.id) return fail("set-disabled", { form: "admin.disableSelf" });
      const done = setUserDisabled({ db, actorId: admin.id, ...parsed.data });
      if (!done) return data<ActionResult>({ intent: "set-disabled", errors: { form: "account.reset.unknown" } }, { status: 404 });
      for (const sessionId of done.endedSessions) context.collab.closeSessionConnections(sessionId);
      return data<ActionResult>({ intent: "set-disabled", errors: {}, message: parsed.data.disabled ? "admin.disabledDone" : "admin.enabledDone", email: done.email });
    }
    case "reset-password": {
      const parsed = parseForm(resetPasswordSchema, form);
      if (!parsed.ok) return fail("reset-password", parsed.errors);
      if (parsed.data.userId === admin.id) return fail("reset-password", { form: "account.reset.self" });
      const reset = allowedOr403(() => forcePasswordReset({ db, actor: admin.principal, userId: parsed.data.userId, providers: oidcProviders }));
      if (!reset) return data<ActionResult>({ intent: "reset-password", errors: { form: "account.reset.unknown" } }, { status: 404 });
      if (reset === "provider") return fail("reset-password", { form: "account.reset.providerOnly" });
      for (const sessionId of reset.endedSessions) context.collab.closeSessionConnections(sessionId);
      // Shown once, in this answer only: until there is e-mail, the administrator passes it on.
      const link = passwordLink({ token: reset.token, origin: new URL(request.url).origin });
      return data<ActionResult>({ intent: "reset-password", errors: {}, message: "account.reset.done", email: reset.email, link });
    }
    default:
      throw new Response("Onbekende actie", { status: 400 });
  }
}

const selectClass = "rounded border border-slate-400 px-3 py-2";

export default function AdminUsers() {
  const { adminId, query, list, regions, organisations } = useLoaderData<typeof loader>();
  const location = useLocation();
  const result = useActionData<typeof action>();
  const t = useT();
  const create = useFormValidation(createUserSchema, result?.intent === "create-user" ? result.errors : undefined);
  const status = (intent: string) =>
    result?.intent === intent ? (
      result.message ? (
        <p role="status" className="text-sm text-green-800">{t(result.message, { email: result.email ?? "" })}</p>
      ) : (
        <FormError message={result.errors.form ? t(result.errors.form) : result.errors.userId ? t(result.errors.userId) : Object.keys(result.errors).length ? t("error.title") : null} />
      )
    ) : null;
  return (
    <div className="flex flex-col gap-10">
      <h1 className="text-2xl font-semibold">{t("admin.users")}</h1>
      <section aria-labelledby="new-user" className="rounded border border-slate-200 bg-white p-4">
        <h2 id="new-user" className="mb-3 text-lg font-semibold">{t("admin.newUser")}</h2>
        <Form method="post" noValidate onSubmit={create.onSubmit} className="grid gap-3 md:grid-cols-2">
          <input type="hidden" name="intent" value="create-user" />
          <Field label={t("admin.name")} name="name" error={create.errors.name} required />
          <Field label={t("admin.email")} name="email" type="email" error={create.errors.email} required />
          <Field label={t("admin.tempPassword")} hint={t("mail.invite.hint")} name="password" type="password" autoComplete="new-password" error={create.errors.password} />
          <label className="flex flex-col gap-1 text-sm font-medium">
            {t("admin.kind")}
            <select name="kind" className={selectClass}>
              <option value="member">{t("admin.kind.member")}</option>
              <option value="adviser">{t("admin.kind.adviser")}</option>
              <option value="admin">{t("admin.kind.admin")}</option>
            </select>
          </label>
          <label className="flex flex-col gap-1 text-sm font-medium">
            {t("admin.organisation")}
            <select name="organisationId" className={selectClass}>
              <option value="">{t("admin.none")}</option>
              {organisations.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
            </select>
          </label>
          <div className="flex items-end">
            <button type="submit" className="rounded bg-brand-700 px-4 py-2 text-white">{t("admin.create")}</button>
          </div>
          <div className="md:col-span-2">{status("create-user")}</div>
        </Form>
      </section>
      <section aria-labelledby="roles" className="grid gap-6 md:grid-cols-2">
        <h2 id="roles" className="sr-only">{t("admin.membership")}</h2>
        <Form method="post" className="flex flex-col gap-3 rounded border border-slate-200 bg-white p-4">
          <h3 className="font-semibold">{t("admin.membership")}</h3>
          <input type="hidden" name="intent" value="set-membership" />
          <UserCombobox label={t("admin.name")} name="userId" kind="member" />
          <RegionSelect regions={regions} />
          <label className="flex flex-col gap-1 text-sm font-medium">
            {t("admin.role")}
            <select name="role" className={selectClass}>
              <RegionRoleOptions removable />
            </select>
          </label>
          <button type="submit" className="self-start rounded bg-brand-700 px-4 py-2 text-white">{t("admin.assign")}</button>
          {status("set-membership")}
        </Form>
        <Form method="post" className="flex flex-col gap-3 rounded border border-slate-200 bg-white p-4">
          <h3 className="font-semibold">{t("admin.coverage")}</h3>
          <input type="hidden" name="intent" value="set-coverage" />
          <UserCombobox label={t("admin.name")} name="userId" kind="adviser" />
          <RegionSelect regions={regions} />
          <label className="flex flex-col gap-1 text-sm font-medium">
            {t("admin.role")}
            <select name="covered" className={selectClass}>
              <option value="true">{t("admin.assign")}</option>
              <option value="false">{t("admin.remove")}</option>
            </select>
          </label>
          <button type="submit" className="self-start rounded bg-brand-700 px-4 py-2 text-white">{t("common.save")}</button>
          {status("set-coverage")}
        </Form>
      </section>
      <section aria-labelledby="list">
        <h2 id="list" className="mb-3 text-lg font-semibold">{t("admin.users")}</h2>
        {result?.intent === "reset-password" && result.link ? (
          <div role="status" className="mb-3 rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
            <p>{t("account.reset.done", { email: result.email ?? "" })}</p>
            <p className="mt-2 break-all font-mono" data-testid="reset-link">{result.link}</p>
          </div>
        ) : (
          status("reset-password")
        )}
        {status("set-disabled")}
        <Form method="get" role="search" className="mb-3 flex flex-wrap items-end gap-2">
          <Field label={t("admin.userSearch")} hint={t("admin.userSearchFields")} name="q" type="search" defaultValue={query} maxLength={200} />
          <button type="submit" className="rounded bg-brand-700 px-4 py-2 text-white">{t("admin.userSearchSubmit")}</button>
        </Form>
        <p className="mb-2 text-sm text-slate-700" data-testid="users-found">{t("admin.usersFound", { count: list.total })}</p>
        <ScrollRegion label={t("admin.userTable")}>
        <table className="w-full border-collapse bg-white text-sm" data-testid="users-table">
          <thead>
            <tr className="border-b text-left">
              <th scope="col" className="p-2">{t("admin.name")}</th>
              <th scope="col" className="p-2">{t("admin.email")}</th>
              <th scope="col" className="p-2">{t("admin.kind")}</th>
              <th scope="col" className="p-2">{t("admin.membership")}</th>
              <th scope="col" className="p-2">{t("admin.status")}</th>
              <th scope="col" className="p-2">{t("admin.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {list.users.map((u) => (
              <tr key={u.id} className="border-b">
                <td className="p-2">{u.name}</td>
                <td className="p-2">{u.email}</td>
                <td className="p-2">{t(`admin.kind.${u.kind}`)}</td>
                <td className="p-2">
                  {[...u.memberships.map((m) => `${m.region}: ${t(roleLabel(m.role))}`), ...u.covers].join(", ")}
                </td>
                <td className="p-2">{u.disabled ? t("admin.disabled") : t("admin.active")}</td>
                <td className="p-2">
                  {u.id === adminId ? null : (
                    <div className="flex flex-wrap gap-1">
                    <Form method="post">
                      <input type="hidden" name="intent" value="set-disabled" />
                      <input type="hidden" name="userId" value={u.id} />
                      <input type="hidden" name="disabled" value={u.disabled ? "false" : "true"} />
                      <button type="submit" aria-label={`${t(u.disabled ? "admin.enable" : "admin.disable")}: ${u.name}`} className="rounded border border-slate-400 px-2 py-1 text-xs hover:bg-slate-100">
                        {t(u.disabled ? "admin.enable" : "admin.disable")}
                      </button>
                    </Form>
                    <Form method="post">
                      <input type="hidden" name="intent" value="reset-password" />
                      <input type="hidden" name="userId" value={u.id} />
                      <button type="submit" aria-label={`${t("account.reset.submit")}: ${u.name}`} className="rounded border border-slate-400 px-2 py-1 text-xs hover:bg-slate-100">
                        {t("account.reset.submit")}
                      </button>
                    </Form>
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        </ScrollRegion>
        <Pages page={list.page} pageCount={list.pageCount} search={location.search} />
      </section>
    </div>
  );
}

/** Previous and next page of the user list, keeping the search. */
function Pages({ page, pageCount, search }: { page: number; pageCount: number; search: string }) {
  const t = useT();
  if (pageCount <= 1) return null;
  const to = (n: number) => {
    const params = new URLSearchParams(search);
    params.set("pagina", String(n));
    return `?${params}`;
  };
  return (
    <nav aria-label={t("admin.usersPages")} className="mt-3 flex flex-wrap items-center gap-3 text-sm">
      {page > 1 ? <Link to={to(page - 1)} className="text-brand-700 underline">{t("admin.usersPrevious")}</Link> : null}
      <span>{t("admin.usersPage", { page, pages: pageCount })}</span>
      {page < pageCount ? <Link to={to(page + 1)} className="text-brand-700 underline">{t("admin.usersNext")}</Link> : null}
    </nav>
  );
}

function RegionSelect({ regions }: { regions: Array<{ id: number; name: string }> }) {
  const t = useT();
  return (
    <label className="flex flex-col gap-1 text-sm font-medium">
      {t("admin.region")}
      <select name="regionId" className={selectClass}>
        {regions.map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
      </select>
    </label>
  );
}
