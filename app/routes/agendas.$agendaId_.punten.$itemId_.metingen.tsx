// An item's measurements (issue 15, decision 029): the action behind the measurements section of the
// item page (hand entry, removal), and the section on a page of its own, where a refused form shows
// its errors.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ItemSubpageHeading } from "~/components/execution/fields";
import { z } from "zod";
import { titleMeta } from "~/i18n/meta";
import { requireAgendaPermission } from "~/utils/agenda-guard.server";
import { allowedOr403, notFound } from "~/utils/auth.server";
import { requestLocale } from "~/root";
import { itemExecutionHref } from "~/domain/flags/links";
import { parseForm, type FieldErrors } from "~/forms/validation";
import { measurementEntrySchema } from "~/forms/measurements";
import { addMeasurement, measurementsSection, removeMeasurement } from "~/models/measurements.server";
import { MEASUREMENTS_ANCHOR, MeasurementsSection, measurementsSaved } from "~/components/measurements/measurements-section";
import { RouteError } from "~/components/route-error";
import { useT } from "~/i18n";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  titleMeta(matches, (t) => [t("measurements.title"), data?.item.title || "—"]);

export async function loader(args: LoaderFunctionArgs) {
  const { agenda, user, scope } = requireAgendaPermission(args, "read:agenda");
  const section = allowedOr403(() =>
    measurementsSection({ db: args.context.db, actor: user.principal, agenda: { ...agenda, partnersMayRead: scope.partnersMayRead }, itemId: args.params.itemId ?? "" }),
  );
  if (!section) notFound();
  return section;
}

const removeSchema = z.object({ intent: z.literal("remove"), measurementId: z.coerce.number().int().positive() });

export async function action(args: ActionFunctionArgs) {
  const { agenda, user } = requireAgendaPermission(args, "record:execution");
  const itemId = args.params.itemId ?? "";
  const form = await args.request.formData();
  const db = args.context.db;
  const actor = user.principal;
  const fail = (errors: FieldErrors) => data({ errors }, { status: 400 });
  const done = (saved: string) => redirect(`${itemExecutionHref(agenda.id, itemId)}?opgeslagen=${saved}#${MEASUREMENTS_ANCHOR}`);
  switch (form.get("intent")) {
    case "add": {
      const parsed = parseForm(measurementEntrySchema, form, requestLocale(args.request, user));
      if (!parsed.ok) return fail(parsed.errors);
      const result = allowedOr403(() => addMeasurement({ db, actor, agenda, itemId, entry: parsed.data }));
      if (!result.ok) return fail(result.error === "item" ? { form: "measurements.error.item" } : { clientsPerWeek: "measurements.error.clientsRequired" });
      return done(measurementsSaved.added);
    }
    case "remove": {
      const parsed = removeSchema.safeParse(Object.fromEntries(form));
      if (!parsed.success) throw new Response("Onbekende meting", { status: 400 });
      if (!allowedOr403(() => removeMeasurement({ db, actor, agenda, itemId, measurementId: parsed.data.measurementId }))) notFound();
      return done(measurementsSaved.removed);
    }
    default:
      throw new Response("Onbekende actie", { status: 400 });
  }
}

export default function MeasurementsPage() {
  const section = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="flex flex-col gap-6">
      <ItemSubpageHeading agendaId={section.agendaId} item={section.item} title={t("measurements.pageTitle", { item: section.item.title || "—" })} />
      <MeasurementsSection data={section} errors={answer?.errors} saved={null} />
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
