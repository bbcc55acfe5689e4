/** The progress report's page for a region and period (decision 032). */
export const progressReportHref = (regionSlug: string, period: string) => `/regios/${regionSlug}/rapportage?periode=${period}`;

/** The region's progress for a period: where a progress request is answered (decision 028). */
export const regionProgressHref = (regionSlug: string, period: string) => `/regios/${regionSlug}/voortgang?periode=${period}`;

/** The report's file: synchronous, made on request (decision 032). */
export const progressReportFileHref = (regionSlug: string, period: string, format: "pdf" | "docx") => `/regios/${regionSlug}/rapportage/${period}.${format}`;
