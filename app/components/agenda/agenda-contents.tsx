// The agenda's table of contents: a jump to "Agendapunt toevoegen" (with six items it took 167 Tab
// presses to reach) and, folded, one link per item. A link moves focus to its target rather than
// only scrolling, so the next Tab continues from there.
import type { MouseEvent } from "react";
import * as Y from "yjs";
import { getItem, getItemText, isPlainText } from "~/domain/agenda-doc";
import { useT } from "~/i18n";
import { useTextValue } from "./y-text-input";

function jump(e: MouseEvent<HTMLAnchorElement>, id: string) {
  const target = document.getElementById(id);
  if (!target) return;
  e.preventDefault();
  target.focus();
}

const linkClass = "text-brand-700 underline";

function ContentsEntry({ doc, id, position }: { doc: Y.Doc; id: string; position: number }) {
  const t = useT();
  const item: unknown = getItem(doc, id);
  // A damaged item (not a map, or a title that is not text) is listed untitled.
  const text = item instanceof Y.Map && isPlainText(item.get("title")) ? getItemText(item, "title") : null;
  const title = useTextValue(text) || t("agenda.untitled");
  return (
    <li>
      <a href={`#item-${id}`} className={`${linkClass} break-words`} onClick={(e) => jump(e, `item-${id}`)}>
        {position}. {title}
      </a>
    </li>
  );
}

export function AgendaContents({ doc, ids, addId }: { doc: Y.Doc; ids: string[]; addId: string | null }) {
  const t = useT();
  return (
    <nav aria-label={t("agenda.toc")} className="flex flex-col gap-2 text-sm" data-testid="agenda-contents">
      {addId ? (
        <a href={`#${addId}`} className={`${linkClass} self-start`} onClick={(e) => jump(e, addId)}>
          {t("agenda.tocAdd")}
        </a>
      ) : null}
      {ids.length > 0 ? (
        <details>
          <summary className="cursor-pointer font-medium text-slate-800">
            {t("agenda.toc")} ({ids.length})
          </summary>
          <ol className="mt-1 flex flex-col gap-1 pl-4">
            {ids.map((id, i) => (
              <ContentsEntry key={id} doc={doc} id={id} position={i + 1} />
            ))}
          </ol>
        </details>
      ) : null}
    </nav>
  );
}
