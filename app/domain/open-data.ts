// What the open data says about itself (docs/open-data.md, decision 039): shared by the files and
// the pages that link them.
export const OPEN_DATA_VERSION = 1;
export const OPEN_DATA_LICENCE = {
  id: "CC0-1.0",
  name: "CC0 1.0 Universeel (Publiek Domein Verklaring)",
  url: "https://creativecommons.org/publicdomain/zero/1.0/deed.nl",
} as const;
export const OPEN_DATA_SCHEMA_PATH = "/open-data.schema.json";
