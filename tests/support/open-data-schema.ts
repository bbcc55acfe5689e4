// The open data's JSON Schema as a harvester would apply it, formats included: Ajv leaves formats
// unchecked without ajv-formats, and the schema's two (docs/open-data.md: times in UTC with "Z",
// absolute addresses) are small enough to state here.
import Ajv from "ajv";

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

export function openDataValidator(schema: object) {
  const ajv = new Ajv({ allErrors: true });
  ajv.addFormat("date-time", (s: string) => ISO_UTC.test(s) && !Number.isNaN(Date.parse(s)));
  ajv.addFormat("uri", (s: string) => URL.canParse(s));
  return ajv.compile(schema);
}
