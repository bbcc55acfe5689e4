import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { titleMeta } from "~/i18n/meta";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { allowedOr403 } from "~/utils/auth.server";
import { requireRegion } from "~/utils/region-guard.server";
import { closeSocketsOfUsersWhoseAccessChanged } from "~/utils/access-change.server";
import { getRegionDetail } from "~/models/region.server";
import { findRegionalUser, getMembership, setMembership } from "~/models/user.server";
import { addMemberSchema, changeMemberSchema } from "~/forms/members";
import { parseForm, useFormValidation, type FieldErrors } from "~/forms/validation";
import { ScrollRegion } from "~/components/scroll-region";
import { Field, FormError } from "~/components/field";
import { RegionRoleOptions } from "~/components/region-role-options";
import { useT } from "~/i18n";
import type { MessageKey } from "~/i18n/messages";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, (t) => [t("members.title")]);

const requireManage = (args: LoaderFunctionArgs) => requireRegion(args, "manage:members");

export async function loader(args: LoaderFunctionArgs) {
  const { region } = requireManage(args);
  return { region: { name: region.name, slug: region.slug }, members: getRegionDetail({ db: args.context.db, regionId: region.id }).members };
}

type Result = { intent: string; errors: FieldErrors; saved?: boolean };

export async function action(args: ActionFunctionArgs) {
  const { region, user } = requireManage(args);
  const db = args.context.db;
  const form = await args.request.formData();
  const fail = (intent: string, errors: FieldErrors, status = 400) => data<Result>({ intent, errors }, { status });
  switch (form.get("intent")) {
    case "add": {
      const parsed = parseForm(addMemberSchema, form);
      if (!parsed.ok) return fail("add", parsed.errors);
      const target = findRegionalUser({ db, email: parsed.data.email });
      if (!target) return fail("add", { form: "members.unknownUser" });
      // The add path takes any email, one's own included: refused like a change of one's own role.
      if (!allowedOr403(() => setMembership({ db, actor: user.principal, userId: target.id, regionId: region.id, role: parsed.data.role })).ok) {
        return fail("add", { form: "members.notYourself" }, 403);
      }
      closeSocketsOfUsersWhoseAccessChanged(args.context, { kind: "user", userId: target.id });
      return data<Result>({ intent: "add", errors: {}, saved: true });
    }
    case "change": {
      const parsed = parseForm(changeMemberSchema, form);
      if (!parsed.ok) return fail("change", parsed.errors);
      // Only people who are already members here can be changed: no reaching into other regions.
      if (!getMembership({ db, userId: parsed.data.userId, regionId: region.id })) return fail("change", { form: "members.unknownUser" }, 404);
      if (!allowedOr403(() => setMembership({ db, actor: user.principal, userId: parsed.data.userId, regionId: region.id, role: parsed.data.role })).ok) {
        return fail("change", { form: "members.notYourself" }, 403);
      }
      closeSocketsOfUsersWhoseAccessChanged(args.context, { kind: "user", userId: parsed.data.userId });
      return data<Result>({ intent: "change", errors: {}, saved: true });
    }
    default:
      throw new Response("Onbekende actie", { status: 400 });
  }
}

const selectClass = "rounded border border-slate-400 px-2 py-1";

export default function Members() {
  const { region, members } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const add = useFormValidation(addMemberSchema, result?.intent === "add" ? result.errors : undefined);
  const formError = result?.errors.form as MessageKey | undefined;
  return (
    <div className="flex flex-col gap-6">
      <div>
        <Link to={`/regios/${region.slug}`} className="text-sm text-brand-700 underline">{region.name}</Link>
        <h1 className="text-2xl font-semibold">{t("members.title")}</h1>
      </div>
      {result?.saved ? <p role="status" className="text-green-800">{t("admin.saved")}</p> : null}
      <FormError message={formError ? t(formError) : null} />
      <Form method="post" noValidate onSubmit={add.onSubmit} className="flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-4">
        <input type="hidden" name="intent" value="add" />
        <Field label={t("admin.email")} name="email" type="email" error={add.errors.email} />
        <label className="flex flex-col gap-1 text-sm font-medium">
          {t("admin.role")}
          <select name="role" className={selectClass}>
            <RegionRoleOptions />
          </select>
        </label>
        <button type="submit" className="rounded bg-brand-700 px-4 py-2 text-white">{t("members.add")}</button>
      </Form>
      <ScrollRegion label={t("members.title")}>
      <table className="w-full border-collapse bg-white text-sm">
        <thead>
          <tr className="border-b text-left">
            <th scope="col" className="p-2">{t("admin.name")}</th>
            <th scope="col" className="p-2">{t("admin.organisation")}</th>
            <th scope="col" className="p-2">{t("admin.role")}</th>
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.id} className="border-b">
              <td className="p-2">{m.name}<br /><span className="text-slate-700">{m.email}</span></td>
              <td className="p-2">{m.organisation ?? ""}</td>
              <td className="p-2">
                <Form method="post" className="flex items-center gap-2">
                  <input type="hidden" name="intent" value="change" />
                  <input type="hidden" name="userId" value={m.id} />
                  <label className="sr-only" htmlFor={`role-${m.id}`}>{t("admin.role")}: {m.name}</label>
                  <select id={`role-${m.id}`} name="role" defaultValue={m.role} className={selectClass}>
                    <RegionRoleOptions removable />
                  </select>
                  <button type="submit" className="rounded border border-slate-400 px-2 py-1">{t("common.save")}</button>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      </ScrollRegion>
    </div>
  );
}
