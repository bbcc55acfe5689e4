// Messages of search (/zoeken) beyond the catalogue's: the kinds of hit that barriers brought, and
// the line that tells the reader why the hits below it lack the word they typed.
const nl = {
  "search.kind.barrier": "Belemmering",
  "search.kind.comment": "Reactie bij een belemmering",
  "search.related": "Ook gevonden in samengestelde woorden",
};

const en: Record<keyof typeof nl, string> = {
  "search.kind.barrier": "Barrier",
  "search.kind.comment": "Reply on a barrier",
  "search.related": "Also found in compound words",
};

export default { nl, en };
