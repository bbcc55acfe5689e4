// The national results as XLSX: a sheet of figures and a sheet of caveats (decision 033).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/utils/auth.server";
import { nationalDownload } from "~/utils/national-download.server";
import { nationalXlsx } from "~/models/national-export.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = requirePermission(args, "view:national-overview");
  return nationalDownload({ args, user, ext: "xlsx", type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", render: nationalXlsx });
}
