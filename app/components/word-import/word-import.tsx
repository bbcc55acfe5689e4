// The Word import's pieces (decision 034): its addresses, the progress shown while the server converts
// or applies, and a read-only rendering of converted rich text as it will arrive in the editor.
import { Fragment } from "react";
import type { Block, Inline } from "~/domain/word-import";
import { useT } from "~/i18n";

export const wordImportPath = (agendaId: number, importId?: number) => `/agendas/${agendaId}/importeren${importId ? `/${importId}` : ""}`;

/**
 * While the form is on its way and the server converts (or writes), an indeterminate progress bar
 * and the step in words; the status region is always in the page so that screen readers hear it.
 */
export function ImportProgress({ busy, label }: { busy: boolean; label: string }) {
  const t = useT();
  return (
    <div role="status" aria-live="polite" className={busy ? "flex flex-col gap-1" : "sr-only"}>
      {busy ? (
        <>
          <progress aria-label={t("wordImport.progress")} className="h-2 w-full max-w-sm accent-brand-700" data-testid="import-progress" />
          <span className="text-sm text-slate-700">{label}</span>
        </>
      ) : null}
    </div>
  );
}

function Runs({ content }: { content: Inline[] }) {
  return (
    <>
      {content.map((run, i) => {
        if ("br" in run) return <br key={i} />;
        let node: React.ReactNode = run.text;
        if (run.bold) node = <strong>{node}</strong>;
        if (run.italic) node = <em>{node}</em>;
        if (run.underline) node = <u>{node}</u>;
        if (run.strike) node = <s>{node}</s>;
        if (run.href) node = <a href={run.href} className="text-brand-700 underline" rel="noopener noreferrer nofollow" target="_blank">{node}</a>;
        return <Fragment key={i}>{node}</Fragment>;
      })}
    </>
  );
}

const headingClass = ["", "text-lg font-semibold", "text-base font-semibold", "font-semibold", "font-semibold", "font-medium", "font-medium"];

/** Blocks as the editor will show them; a table as its list of rows (how it is written). Headings are not page headings here. */
export function RichPreview({ blocks }: { blocks: Block[] }) {
  return (
    <div className="flex flex-col gap-2 break-words text-sm text-slate-900">
      {blocks.map((block, i) => (
        <PreviewBlock key={i} block={block} />
      ))}
    </div>
  );
}

function PreviewBlock({ block }: { block: Block }) {
  switch (block.type) {
    case "paragraph":
      return <p><Runs content={block.content} /></p>;
    case "heading":
      return <p className={headingClass[block.level] ?? "font-semibold"}><Runs content={block.content} /></p>;
    case "table": {
      const [head, ...body] = block.rows;
      return (
        <ul className="list-disc pl-5">
          {(body.length ? body : [head]).map((row, r) => (
            <li key={r}>
              {row.map((cell, c) => (
                <Fragment key={c}>
                  {c > 0 ? "; " : null}
                  {body.length ? <strong>{head[c]?.map((x) => ("br" in x ? " " : x.text)).join("")}: </strong> : null}
                  <Runs content={cell} />
                </Fragment>
              ))}
            </li>
          ))}
        </ul>
      );
    }
    default: {
      const List = block.type === "orderedList" ? "ol" : "ul";
      return (
        <List className={block.type === "orderedList" ? "list-decimal pl-5" : "list-disc pl-5"}>
          {block.items.map((item, i) => (
            <li key={i}><RichPreview blocks={item} /></li>
          ))}
        </List>
      );
    }
  }
}
