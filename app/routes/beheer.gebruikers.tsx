import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { titleMeta } from "~/i18n/meta";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { allowedOr403, requirePermission } from "~/utils/auth.server";
import { closeSocketsOfUsersWhoseAccessChanged } from "~/utils/access-change.server";
import { listRegionsAndOrganisations, listUsersWithRoles } from "~/models/admin.server";
import { createUser, emailExists, getUserKind, setCoverage, setMembership } from "~/models/user.server";
import { coverageSchema, createUserSchema, membershipSchema, resetPasswordSchema } from "~/forms/admin-users";
import { forcePasswordReset } from "~/models/account.server";
import { passwordLink } from "~/utils/password-links.server";
import { parseForm, useFormValidation, type FieldErrors } from "~/forms/validation";
import { Field, FormError } from "~/components/field";
import { useT } from "~/i18n";
import { roleLabel } from "~/components/role";
import { RegionRoleOptions } from "~/components/region-role-options";
import type { MessageKey } from "~/i18n/messages";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, (t) => [t("admin.users"), t("nav.admin")]);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const admin = requirePermission({ request, context }, "manage:platform");
  return { adminId: admin.id, users: listUsersWithRoles({ db: context.db }), ...listRegionsAndOrganisations({ db: context.db }) };
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
      const { intent: _intent, ...fields } = parsed.data;
      // The administrator knows this password: it opens nothing but the change to one of the user's own.
      await createUser({ db, actorId: admin.id, ...fields, mustChangePassword: true });
      return data<ActionResult>({ intent: "create-user", errors: {}, message: "admin.created", email: fields.email });
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
    case "reset-password": {
      const parsed = parseForm(resetPasswordSchema, form);
      if (!parsed.ok) return fail("reset-password", parsed.errors);
      if (parsed.data.userId === admin.id) return fail("reset-password", { form: "account.reset.self" });
      const reset = allowedOr403(() => forcePasswordReset({ db, actor: admin.principal, userId: parsed.data.userId }));
      if (!reset) return data<ActionResult>({ intent: "reset-password", errors: { form: "account.reset.unknown" } }, { status: 404 });
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
  const { adminId, users, regions, organisations } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const create = useFormValidation(createUserSchema, result?.intent === "create-user" ? result.errors : undefined);
  const status = (intent: string) =>
    result?.intent === intent ? (
      result.message ? (
        <p role="status" className="text-sm text-green-800">{t(result.message, { email: result.email ?? "" })}</p>
      ) : (
        <FormError message={result.errors.form ? t(result.errors.form) : Object.keys(result.errors).length ? t("error.title") : null} />
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
          <Field label={t("admin.tempPassword")} name="password" type="password" autoComplete="new-password" error={create.errors.password} required />
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
          <UserSelect users={users.filter((u) => u.kind === "member")} />
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
          <UserSelect users={users.filter((u) => u.kind === "adviser")} />
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
        <table className="w-full border-collapse bg-white text-sm">
          <thead>
            <tr className="border-b text-left">
              <th scope="col" className="p-2">{t("admin.name")}</th>
              <th scope="col" className="p-2">{t("admin.email")}</th>
              <th scope="col" className="p-2">{t("admin.kind")}</th>
              <th scope="col" className="p-2">{t("admin.membership")}</th>
              <th scope="col" className="p-2">{t("login.password")}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} className="border-b">
                <td className="p-2">{u.name}</td>
                <td className="p-2">{u.email}</td>
                <td className="p-2">{t(`admin.kind.${u.kind}`)}</td>
                <td className="p-2">
                  {[...u.memberships.map((m) => `${m.region}: ${t(roleLabel(m.role))}`), ...u.covers].join(", ")}
                </td>
                <td className="p-2">
                  {u.id === adminId ? null : (
                    <Form method="post">
                      <input type="hidden" name="intent" value="reset-password" />
                      <input type="hidden" name="userId" value={u.id} />
                      <button type="submit" aria-label={`${t("account.reset.submit")}: ${u.name}`} className="rounded border border-slate-400 px-2 py-1 text-xs hover:bg-slate-100">
                        {t("account.reset.submit")}
                      </button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

function UserSelect({ users }: { users: Array<{ id: number; name: string; email: string }> }) {
  const t = useT();
  return (
    <label className="flex flex-col gap-1 text-sm font-medium">
      {t("admin.name")}
      <select name="userId" className={selectClass}>
        {users.map((u) => <option key={u.id} value={u.id}>{u.name} ({u.email})</option>)}
      </select>
    </label>
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
