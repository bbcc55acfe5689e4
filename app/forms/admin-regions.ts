import { z } from "zod";
import { organisationKinds } from "~/domain/vocabulary";
import { decisionRuleKinds } from "~/domain/decision-rule";
import { optionalNumber, wholeNumber } from "./fields";

// An unchecked checkbox is absent from the form.
const checkbox = z.literal("on").optional().transform((v) => v === "on");

export const regionSettingsSchema = z.object({
  intent: z.literal("save-region"),
  careWorkers: optionalNumber(
    wholeNumber("admin.region.careWorkersInvalid").pipe(z.number().min(0, "admin.region.careWorkersInvalid").max(5_000_000, "admin.region.careWorkersInvalid")),
  ),
  ruleKind: z.enum(decisionRuleKinds, { errorMap: () => ({ message: "admin.region.ruleInvalid" }) }),
  quorumPercent: wholeNumber("admin.region.quorumInvalid").pipe(z.number().min(1, "admin.region.quorumInvalid").max(100, "admin.region.quorumInvalid")),
  partnersMayRead: checkbox,
  boardMaySuggest: checkbox,
});
export type RegionSettingsInput = z.infer<typeof regionSettingsSchema>;

const optionalText = z
  .string()
  .trim()
  .max(120, "admin.org.sectorTooLong")
  .optional()
  .transform((v) => (v ? v : null));

export const organisationSchema = z
  .object({
    intent: z.literal("save-organisation"),
    // Absent when adding, set when changing.
    organisationId: optionalNumber(z.coerce.number().int().positive()),
    name: z.string().trim().min(1, "admin.org.nameRequired").max(200, "form.tooLong.200"),
    kind: z.enum(organisationKinds, { errorMap: () => ({ message: "admin.org.kindInvalid" }) }),
    sector: optionalText,
    schoolLevel: z
      .union([z.literal(""), z.enum(["mbo", "hbo", "wo"])], { errorMap: () => ({ message: "admin.org.schoolLevelRequired" }) })
      .optional()
      .transform((v) => (v ? v : null)),
    regionId: optionalNumber(z.coerce.number().int().positive()),
  })
  .superRefine((org, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
    if (org.kind === "care_provider" && !org.sector) issue("sector", "admin.org.sectorRequired");
    if (org.kind !== "care_provider" && org.sector) issue("sector", "admin.org.sectorOnlyCare");
    if (org.kind === "school" && !org.schoolLevel) issue("schoolLevel", "admin.org.schoolLevelRequired");
    if (org.kind !== "school" && org.schoolLevel) issue("schoolLevel", "admin.org.schoolLevelOnlySchool");
  });
export type OrganisationInput = z.infer<typeof organisationSchema>;
