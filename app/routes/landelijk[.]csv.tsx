// The national results as CSV: the caveats first, then the same table as the XLSX (decision 033).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/utils/auth.server";
import { nationalDownload } from "~/utils/national-download.server";
import { nationalCsv } from "~/models/national-export.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = requirePermission(args, "view:national-overview");
  return nationalDownload({ args, user, ext: "csv", type: "text/csv; charset=utf-8", render: nationalCsv });
}
