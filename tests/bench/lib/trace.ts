// Where the B4 editing trace (tests/bench/data/automerge-paper.json.gz, 104 KB of text at the end)
// lives in an agenda document: the one paragraph of item "b4-trace"'s plan. Plain item fields are
// capped since 8eb371e (why: 2,000 characters, refused with 4422 beyond), the plan's rich text is
// not; the trace's positions are the same in a paragraph's XmlText as in a Y.Text.
import * as Y from "yjs";
import { addItem, getItem, getItemPlan } from "../../../app/domain/agenda-doc";

const TRACE_ITEM = "b4-trace";

export function traceText(doc: Y.Doc): Y.XmlText | undefined {
  const item = getItem(doc, TRACE_ITEM);
  const paragraph = item && getItemPlan(item).get(0);
  return paragraph instanceof Y.XmlElement ? (paragraph.get(0) as Y.XmlText) : undefined;
}

export function addTraceItem(doc: Y.Doc): Y.XmlText {
  addItem(doc, { id: TRACE_ITEM, title: "Editing trace B4", plan: [""] });
  return traceText(doc)!;
}
